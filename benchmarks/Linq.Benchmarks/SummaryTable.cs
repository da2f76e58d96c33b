using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Linq.Benchmarks;

/// <summary>
/// One Markdown table over every benchmark of a run: scenario (class, without a <c>Comparison</c> suffix, plus the
/// category and the parameter values), implementation (method, without the category suffix), mean, allocated bytes per
/// operation and the ratio of the mean to the scenario's baseline (hand-written Npgsql in the comparison).
/// </summary>
public static class SummaryTable
{
    public static string Render(IEnumerable<Summary> summaries, string serverVersion)
    {
        var rows = new List<Row>();
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var descriptor = report.BenchmarkCase.Descriptor;
                // Comparison scenarios drop their suffix; other classes keep their name (NestedCreateComparison and
                // NestedCreateBenchmarks must not meet in one group).
                var scenario = Trim(descriptor.Type.Name, "Comparison");
                var method = descriptor.WorkloadMethod.Name;
                foreach (var category in descriptor.Categories)
                {
                    scenario += "/" + category;
                    method = Trim(method, "_" + category);
                }

                // [Params] values name their own group (each has its own baseline).
                if (report.BenchmarkCase.HasParameters)
                {
                    scenario += " " + report.BenchmarkCase.Parameters.DisplayInfo;
                }

                rows.Add(new Row(
                    scenario,
                    method,
                    descriptor.Baseline,
                    report.ResultStatistics?.Mean,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                    report.BenchmarkCase.Job.Id));
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL server: {serverVersion}. Ratio: mean / mean of the scenario's baseline (marked *); `n/a`: the benchmark failed or was not measured.");
        text.AppendLine();
        text.AppendLine("| scenario | implementation | mean | allocated | ratio |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var group in rows.GroupBy(r => (r.Scenario, r.Job)))
        {
            var baseline = group.FirstOrDefault(r => r.Baseline)?.MeanNs;
            foreach (var row in group)
            {
                var ratio = row.MeanNs is { } mean && baseline is { } b && b > 0 ? (mean / b).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Scenario} | {row.Implementation}{(row.Baseline ? " *" : "")} | {Time(row.MeanNs)} | {Bytes(row.AllocatedBytes)} | {ratio} |");
            }
        }

        return text.ToString();
    }

    private static string Trim(string name, params string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static string Time(double? ns) => ns switch
    {
        null => "n/a",
        >= 1_000_000 => (ns.Value / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns.Value / 1_000).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
        _ => ns.Value.ToString("0", CultureInfo.InvariantCulture) + " ns",
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        >= 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private sealed record Row(string Scenario, string Implementation, bool Baseline, double? MeanNs, long? AllocatedBytes, string Job);
}
