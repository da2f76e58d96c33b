using System.Text;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Writing.Fuzz;

/// <summary>One generated write: what it does, how to run it, what it must give, and the state after it when it succeeds.</summary>
/// <param name="Run">Runs the write; returns a complaint about what it returned (a count, a row), or null.</param>
public sealed record FuzzStep(string Name, Func<TestDb, Task<string?>> Run, FuzzOutcome Outcome, FuzzState Next);

/// <summary>
/// A seeded generator of write sequences over <see cref="FuzzOwner"/>, <see cref="FuzzItem"/> and <see cref="FuzzPart"/>:
/// each step runs through the library and is applied to the in-memory <see cref="FuzzState"/>; after each step the
/// tables are read back with plain Npgsql and must equal the state exactly. A failing write must throw the expected
/// typed error and change nothing. The run stops at the first divergence and describes it (seed, step, operation).
/// </summary>
public sealed partial class WriteFuzzer(int seed, string connectionString)
{
    private readonly FuzzValues _v = new(new Random(seed));
    private readonly List<string> _log = [];
    private FuzzState _state = new();

    /// <summary>How many steps expected a typed error (so a run can show it tested failures, not only successes).</summary>
    public int Failures { get; private set; }

    /// <summary>Runs <paramref name="count"/> steps; returns null when every one behaved, else the first divergence.</summary>
    public async Task<string?> RunAsync(TestDb db, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var step = Next();
            _log.Add($"{i}: {step.Name} -> {step.Outcome}");
            var (ok, problem) = await ExecuteAsync(db, step);
            if (ok)
            {
                _state = step.Next;
            }

            if (!step.Outcome.Fails && ok is false && problem is null)
            {
                problem = "failed unexpectedly";
            }

            if (step.Outcome.Fails)
            {
                Failures++;
            }

            var diff = await FuzzReadBack.CompareAsync(connectionString, _state);
            if (problem is not null || diff.Length > 0)
            {
                return Describe(i, step, problem, diff);
            }
        }

        return null;
    }

    private static async Task<(bool Succeeded, string? Problem)> ExecuteAsync(TestDb db, FuzzStep step)
    {
        try
        {
            var complaint = await step.Run(db);
            return (true, step.Outcome.Fails ? $"expected {step.Outcome}, but it succeeded" : complaint);
        }
        catch (LinqRequestException e)
        {
            return (false, step.Outcome.Codes.Contains(e.Code) ? null : $"expected {step.Outcome}, threw {e.GetType().Name} {e.Code}: {e.Message}");
        }
        catch (Exception e)
        {
            return (false, $"expected {step.Outcome}, threw {e}");
        }
    }

    private string Describe(int index, FuzzStep step, string? problem, string diff)
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {seed}, step {index}: {step.Name}");
        if (problem is not null)
        {
            text.AppendLine(problem);
        }

        if (diff.Length > 0)
        {
            text.AppendLine("state read back differs from the model:").Append(diff);
        }

        text.AppendLine("last steps:");
        foreach (var line in _log.TakeLast(12))
        {
            text.AppendLine("  " + line);
        }

        return text.ToString();
    }

    private FuzzStep Next()
    {
        var roll = _v.Random.Next(100);
        return roll switch
        {
            < 12 => CreateOwner(_state),
            < 16 => CreateManyOwners(_state),
            < 28 => UpdateOwner(_state),
            < 42 => UpdateOwnerNested(_state),
            < 49 => UpsertOwner(_state),
            < 53 => DeleteOwner(_state),
            < 55 => DeleteManyOwners(_state),
            < 59 => UpdateManyOwners(_state),
            < 65 => CreateItem(_state),
            < 74 => UpdateItem(_state),
            < 77 => UpdateManyItems(_state),
            < 80 => DeleteItem(_state),
            < 84 => CreatePart(_state),
            < 88 => UpdatePart(_state),
            < 90 => DeleteManyParts(_state),
            < 96 => Interactive(_state),
            _ => BatchTransaction(_state),
        };
    }

    // An id no row has (the fuzzer's tables never get that far).
    private int MissingId() => 1_000_000 + _v.Random.Next(1000);

    private static string Show(NumberOperation op) => $"{op.Operator}({op.Amount})";
}
