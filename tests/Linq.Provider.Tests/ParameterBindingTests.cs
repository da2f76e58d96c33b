using Linq.Execution;
using Linq.Provider.Tests.Models;
using Linq.Querying.Frontend;
using Linq.Sql.Syntax;
using Linq.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Provider.Tests;

/// <summary>
/// Parameters are nodes of the SQL tree, numbered by the renderer and made into NpgsqlParameters in one place
/// (<see cref="ParameterBinder"/>), for queries, writes and raw SQL. No database is needed: nothing runs.
/// </summary>
public sealed class ParameterBindingTests : IDisposable
{
    private readonly TestDb _db = new("Host=localhost;Username=unused");

    private QueryProvider Provider => (QueryProvider)_db.Users.Provider;

    public void Dispose() => _db.Dispose();

    private static Contract.ModelMetadata<T> Metadata<T>() where T : class, Contract.IModel<T> => T.Metadata;

    [Fact]
    public void A_plan_binds_its_values_in_text_order_and_a_hit_only_binds()
    {
        int skip = 20, take = 10;
        var (plan, parameters) = Provider.PrepareAndBind(_db.Users.OrderByDescending(u => u.Id).Skip(skip).Take(take).Expression);
        Assert.EndsWith("LIMIT $1 OFFSET $2", plan.Sql, StringComparison.Ordinal);
        Assert.Equal([10, 20], parameters.Select(p => p.Value));

        (skip, take) = (40, 5);
        var (hit, bound) = Provider.PrepareAndBind(_db.Users.OrderByDescending(u => u.Id).Skip(skip).Take(take).Expression);
        Assert.Same(plan, hit);
        Assert.Same(plan.Sql, hit.Sql);
        Assert.Equal([5, 40], bound.Select(p => p.Value));
        Assert.All(bound, p => Assert.DoesNotContain(p, parameters));
        Assert.Equal(1, _db.QueryCache.Misses);
    }

    [Fact]
    public void Query_values_are_sent_as_the_column_they_meet()
    {
        var email = "a@b.c";
        var ids = new List<int> { 1, 2 };
        var part = "x_%";
        var (plan, parameters) = Provider.PrepareAndBind(_db.Users.Where(u => u.Email == email && ids.Contains(u.Id) && u.Email.Contains(part)).Expression);

        Assert.Equal(3, parameters.Length);
        Assert.Equal(["text", "integer[]", "text"], plan.Parameters.Select(p => p.StoreType));
        Assert.Equal(("a@b.c", NpgsqlDbType.Text), (parameters[0].Value, parameters[0].NpgsqlDbType));
        Assert.Equal(new[] { 1, 2 }, parameters[1].Value);
        Assert.Equal(NpgsqlDbType.Array | NpgsqlDbType.Integer, parameters[1].NpgsqlDbType);
        Assert.Equal((@"%x\_\%%", NpgsqlDbType.Text), (parameters[2].Value, parameters[2].NpgsqlDbType));
        Assert.IsType<NpgsqlParameter<string>>(parameters[0]);
        Assert.IsType<NpgsqlParameter<int[]>>(parameters[1]);
        Assert.IsType<NpgsqlParameter<string>>(parameters[2]);
    }

    [Fact]
    public void Plan_values_are_typed_parameters_unboxed_from_the_execution_values()
    {
        var role = Role.Admin;
        int? id = 5;
        var at = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var (_, parameters) = Provider.PrepareAndBind(_db.Users.Where(u => u.Role == role && u.Id == id).Expression);
        var (_, posts) = Provider.PrepareAndBind(_db.Posts.Where(p => p.CreatedAt < at).Expression);

        Assert.Equal(2, parameters.Length);
        Assert.Equal(Role.Admin, Assert.IsType<NpgsqlParameter<Role>>(parameters[0]).TypedValue);
        Assert.Equal(5, Assert.IsType<NpgsqlParameter<int>>(parameters[1]).TypedValue);
        var created = Assert.Single(posts);
        Assert.Equal((at, NpgsqlDbType.TimestampTz), (Assert.IsType<NpgsqlParameter<DateTime>>(created).TypedValue, created.NpgsqlDbType));
    }

    [Fact]
    public void One_value_used_twice_in_a_query_is_one_parameter_per_use()
    {
        var name = "n";
        var (plan, parameters) = Provider.PrepareAndBind(_db.Users.Where(u => u.Name == name || u.Email == name).Expression);

        Assert.Contains("$1", plan.Sql, StringComparison.Ordinal);
        Assert.Contains("$2", plan.Sql, StringComparison.Ordinal);
        Assert.Equal(["n", "n"], parameters.Select(p => p.Value));
    }

    [Fact]
    public void Write_values_are_typed_parameters_of_their_column()
    {
        var writer = new InsertValueWriter();
        writer.Write(Metadata<User>().GetColumn(nameof(User.Email)), "a@b.c");
        writer.WriteNull(Metadata<User>().GetColumn(nameof(User.Name)));
        writer.Write(Metadata<User>().GetColumn(nameof(User.Role)), Role.Admin);

        var (sql, parameters) = ParameterBinder.Render(writer.Statement(Metadata<User>()));

        Assert.StartsWith("""INSERT INTO "User" ("Email", "Name", "Role") VALUES ($1, $2, $3) RETURNING""", sql, StringComparison.Ordinal);
        var email = Assert.IsType<NpgsqlParameter<string>>(parameters[0]);
        Assert.Equal(("a@b.c", NpgsqlDbType.Text), (email.TypedValue, email.NpgsqlDbType));
        Assert.Equal((DBNull.Value, NpgsqlDbType.Text), (parameters[1].Value, parameters[1].NpgsqlDbType));
        Assert.Equal(Role.Admin, Assert.IsType<NpgsqlParameter<Role>>(parameters[2]).TypedValue);
    }

    [Fact]
    public void The_binder_types_values_by_their_static_type_and_store_type()
    {
        var at = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var typed = new SqlParameter<DateTime>(at, "timestamptz").Bind(ParameterBinder.Instance, null);
        Assert.Equal((at, NpgsqlDbType.TimestampTz), (Assert.IsType<NpgsqlParameter<DateTime>>(typed).TypedValue, typed.NpgsqlDbType));

        var array = new SqlParameter<string[]>(["a"], "text[]").Bind(ParameterBinder.Instance, null);
        Assert.Equal(NpgsqlDbType.Array | NpgsqlDbType.Text, Assert.IsType<NpgsqlParameter<string[]>>(array).NpgsqlDbType);

        var boxed = new SqlParameter<object?>(5L, "bigint").Bind(ParameterBinder.Instance, null);
        Assert.Equal(typeof(NpgsqlParameter), boxed.GetType());
        Assert.Equal((5L, NpgsqlDbType.Bigint), (boxed.Value, boxed.NpgsqlDbType));

        var nothing = new SqlParameter<object?>(null).Bind(ParameterBinder.Instance, null);
        Assert.Equal(typeof(NpgsqlParameter), nothing.GetType());
        Assert.Equal(DBNull.Value, nothing.Value);

        var noText = new SqlParameter<string?>(null).Bind(ParameterBinder.Instance, null);
        Assert.Null(Assert.IsType<NpgsqlParameter<string>>(noText).TypedValue);

        // Each binding is a new parameter: an NpgsqlParameter belongs to one command, the node to every execution.
        var node = new SqlParameter<int>(1, "integer");
        Assert.NotSame(node.Bind(ParameterBinder.Instance, null), node.Bind(ParameterBinder.Instance, null));
    }
}
