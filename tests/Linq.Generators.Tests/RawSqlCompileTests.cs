using Microsoft.CodeAnalysis;

namespace Linq.Generators.Tests;

/// <summary>
/// Raw SQL takes interpolated strings only: SQL text built by concatenation, string.Format or a string variable
/// does not compile, and neither does an interpolated string given to an unsafe method (whose holes would be
/// pasted into the text). Each case is checked against a control that does compile.
/// </summary>
public class RawSqlCompileTests
{
    private const string Handler = "Linq.RawSql.SqlInterpolatedStringHandler";

    private static IReadOnlyList<Diagnostic> Errors(string body)
    {
        var source = """
            using Linq.RawSql;

            public static class Queries
            {
                public static async Task Run(LinqDatabase db, string input, int id, int[] ids)
                {
            """ + body + """

                }
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(source);
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static Diagnostic SingleError(string body, string id)
    {
        var errors = Errors(body);
        Assert.True(errors.Count == 1 && errors[0].Id == id, $"expected one {id}, got:{Environment.NewLine}{GeneratorRun.Describe(errors)}");
        return errors[0];
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Interpolated_strings_compile()
    {
        var errors = Errors("""
                    var users = await db.QueryRawAsync<int>($"SELECT id FROM t WHERE name = {input} AND id = ANY({ids})");
                    var count = await db.ExecuteRawAsync($"DELETE FROM t WHERE id = {id}", default);
                    var filter = Sql.Fragment($"AND name = {input}");
                    var rows = await db.QueryRawAsync<int>($"SELECT id FROM t WHERE true {filter} {Sql.Empty} AND id IN ({Sql.Join(ids)})");
                    var parts = await db.QueryRawAsync<int>($"SELECT id FROM t " + $"WHERE name = {input}");
                    var table = await db.QueryRawAsync<int>($"SELECT id FROM {Sql.Identifier(input)} WHERE id = {await Task.FromResult(id)}");
                    var unsafeRows = await db.QueryRawUnsafeAsync<int>("SELECT id FROM t WHERE name = $1", input);
                    var constant = await db.QueryRawUnsafeAsync<int>($"SELECT 1");
            """);
        Assert.True(errors.Count == 0, GeneratorRun.Describe(errors));
    }

    [Fact]
    public void Concatenated_sql_does_not_compile()
    {
        var error = SingleError("""
                    var users = await db.QueryRawAsync<int>("SELECT id FROM t WHERE name = '" + input + "'");
            """, "CS1503");
        Assert.Contains("cannot convert from 'string' to '" + Handler + "'", Message(error), StringComparison.Ordinal);
        Assert.Contains("\"SELECT id FROM t WHERE name = '\" + input + \"'\"", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenating_a_string_to_an_interpolated_string_does_not_compile()
    {
        var error = SingleError("""
                    var users = await db.QueryRawAsync<int>($"SELECT id FROM t WHERE id = {id} AND name = " + input);
            """, "CS1503");
        Assert.Contains("cannot convert from 'string' to '" + Handler + "'", Message(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var sql = $\"DELETE FROM t WHERE id = {id}\"; await db.ExecuteRawAsync(sql);")]
    [InlineData("await db.ExecuteRawAsync(string.Format(\"DELETE FROM t WHERE name = '{0}'\", input));")]
    [InlineData("await db.ExecuteRawAsync(\"DELETE FROM t WHERE name = '\" + input + \"'\", default);")]
    [InlineData("var piece = Sql.Fragment(\"AND name = '\" + input + \"'\");")]
    [InlineData("await db.QueryRawAsync<int>(input);")]
    public void Sql_in_a_string_does_not_compile(string statement)
    {
        var error = SingleError("            " + statement, "CS1503");
        Assert.Contains("cannot convert from 'string' to '" + Handler + "'", Message(error), StringComparison.Ordinal);
    }

    [Fact]
    public void The_handler_has_no_conversion_from_string()
    {
        var error = SingleError("""
                    SqlInterpolatedStringHandler sql = input;
            """, "CS0029");
        Assert.Contains("Cannot implicitly convert type 'string' to '" + Handler + "'", Message(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_specifiers_do_not_compile()
    {
        var error = SingleError("""
                    var rows = await db.QueryRawAsync<int>($"SELECT {id:N2}");
            """, "CS1739");
        Assert.Contains("'AppendFormatted' does not have a parameter named 'format'", Message(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("await db.QueryRawUnsafeAsync<int>($\"SELECT id FROM t WHERE name = '{input}'\");", "Use QueryRawAsync")]
    [InlineData("await db.ExecuteRawUnsafeAsync($\"DELETE FROM t WHERE id = {id}\");", "Use ExecuteRawAsync")]
    public void Interpolated_strings_given_to_the_unsafe_methods_do_not_compile(string statement, string advice)
    {
        var error = SingleError("            " + statement, "CS0619");
        Assert.Contains("would paste its values into the SQL text", Message(error), StringComparison.Ordinal);
        Assert.Contains(advice, Message(error), StringComparison.Ordinal);
    }
}
