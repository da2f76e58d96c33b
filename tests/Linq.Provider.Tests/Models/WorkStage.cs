namespace Linq.Provider.Tests.Models;

/// <summary>
/// Awkward labels: a space, a quote, a leading digit, a reserved word, an empty label, 63 bytes, and two members whose labels are each
/// other's names (Waiting is stored as 'Blocked', Blocked as 'Waiting'), so any path that sends or reads a member
/// name instead of its label gives the other member, not an error.
/// </summary>
[DbEnum(Name = "work stage")]
public enum WorkStage
{
    [Map("in progress")] InProgress,
    [Map("it's done")] Done,
    [Map("2fa")] TwoFactor,
    [Map("class")] Class,
    [Map("Blocked")] Waiting,
    [Map("Waiting")] Blocked,
    [Map("")] Empty,
    [Map("a label of exactly sixty-three bytes, which PostgreSQL still ta")] Long,
}
