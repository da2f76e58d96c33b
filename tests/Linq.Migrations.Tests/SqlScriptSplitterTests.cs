using Linq.Migrations.History;

namespace Linq.Migrations.Tests;

public sealed class SqlScriptSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        const string script = """
            -- header; with a semicolon
            CREATE TABLE "a;b" (x text DEFAULT 'x;y''z');
            /* block; /* nested; */ still comment; */
            INSERT INTO t VALUES (E'back\'slash;'), ($$dollar; 'quote'$$), ($tag$ $$ ; $tag$);
            CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;
            SELECT $1;SELECT a$b FROM t
            ;
            -- trailing comment only
            """;

        var statements = SqlScriptSplitter.Split(script);

        Assert.Equal(
        [
            "CREATE TABLE \"a;b\" (x text DEFAULT 'x;y''z')",
            "/* block; /* nested; */ still comment; */\nINSERT INTO t VALUES (E'back\\'slash;'), ($$dollar; 'quote'$$), ($tag$ $$ ; $tag$)",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END",
            "SELECT $1",
            "SELECT a$b FROM t",
        ], statements.Select(s => s.Sql));
        Assert.Equal([2, 4, 5, 6, 6], statements.Select(s => s.Line));
    }

    [Fact]
    public void Empty_and_comment_only_scripts_have_no_statements()
    {
        Assert.Empty(SqlScriptSplitter.Split(""));
        Assert.Empty(SqlScriptSplitter.Split("-- nothing\n;;\n  \n"));
    }
}
