namespace Linq.Querying.Compiled;

/// <summary>
/// Where an argument's value goes in an execution's value array: at <see cref="ValueIndex"/>, converted to
/// <see cref="ConvertTo"/> first when the query compares it with a column of a wider type or an enum's underlying type
/// (C# writes <c>(long)id</c> or <c>(int)role</c> there).
/// </summary>
internal readonly record struct ArgumentUse(int ValueIndex, int Argument, Type? ConvertTo);
