using Callmap.Validation;

namespace Callmap.Tests.Validation;

/// <summary>Cloud Scheduler's unix-cron format (cloud.google.com/scheduler/docs/configuring/cron-job-schedules), with Google's own examples.</summary>
public class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]          // every minute
    [InlineData("0 * * * *")]          // every hour
    [InlineData("0 0 * * *")]          // every day at midnight
    [InlineData("30 3 * * 1-5")]
    [InlineData("0 9 * * MON")]
    [InlineData("*/10 * * * *")]
    [InlineData("0 0 1,15 * *")]
    [InlineData("0 12 * JAN-MAR 0")]
    [InlineData("0 12 * * 7")]         // 7 is Sunday too
    public void A_schedule_google_documents_is_accepted(string schedule) => Assert.Null(CronSchedule.Problem(schedule));

    [Theory]
    [InlineData("99 99 * * *", "minute")]
    [InlineData("0 24 * * *", "hour")]
    [InlineData("0 0 0 * *", "day of month")]
    [InlineData("0 0 * 13 *", "month")]
    [InlineData("0 0 * * 8", "day of week")]
    [InlineData("0 0 * * FOO", "day of week")]
    [InlineData("*/0 * * * *", "minute")]
    [InlineData("5-1 * * * *", "minute")]
    [InlineData("0 3 * *", "5 fields")]
    public void A_schedule_out_of_its_fields_ranges_names_the_field(string schedule, string named) =>
        Assert.Contains(named, CronSchedule.Problem(schedule));
}
