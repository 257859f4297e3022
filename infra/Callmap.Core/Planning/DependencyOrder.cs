namespace Callmap.Planning;

/// <summary>
/// The plan's items in an order where every item follows the items it depends on, as the Pulumi program
/// must create them (the plan's own order is by kind: IAP's invoker grant names a backend, a later kind).
/// Among items whose dependencies are met, plan order decides, so the result is always the same.
/// </summary>
public static class DependencyOrder
{
    public static IReadOnlyList<PlanItem> Of(Plan plan)
    {
        var index = plan.Items.Select((item, i) => (item.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var waitingOn = plan.Items.Select(i => i.DependsOn.Distinct(StringComparer.Ordinal).Count()).ToArray();
        var dependents = plan.Items.Select(_ => new List<int>()).ToArray();
        foreach (var (item, i) in plan.Items.Select((item, i) => (item, i)))
        foreach (var dependency in item.DependsOn.Distinct(StringComparer.Ordinal))
            dependents[index.TryGetValue(dependency, out var d) ? d
                : throw new InvalidOperationException($"{item.Name} depends on {dependency}, which the plan does not hold")].Add(i);

        var ready = new PriorityQueue<int, int>(Enumerable.Range(0, plan.Items.Count).Where(i => waitingOn[i] == 0).Select(i => (i, i)));
        var ordered = new List<PlanItem>(plan.Items.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            ordered.Add(plan.Items[next]);
            foreach (var dependent in dependents[next])
                if (--waitingOn[dependent] == 0) ready.Enqueue(dependent, dependent);
        }
        if (ordered.Count != plan.Items.Count)
            throw new InvalidOperationException(
                $"the plan's dependencies form a cycle through {string.Join(", ", plan.Items.Where((_, i) => waitingOn[i] > 0).Select(i => i.Name))}");
        return ordered;
    }
}
