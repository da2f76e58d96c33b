using BenchmarkDotNet.Running;

namespace Linq.Benchmarks;

/// <summary>
/// Entry point: every public benchmark class in this assembly is a scenario, selected with
/// <c>--filter</c> (see <c>benchmarks/run.sh</c>). Add a scenario by adding a class under <c>Scenarios/</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
