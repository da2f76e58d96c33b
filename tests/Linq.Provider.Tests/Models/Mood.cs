namespace Linq.Provider.Tests.Models;

[DbEnum(Name = "mood")]
public enum Mood
{
    Happy,
    Sad,
    Meh,
}
