using System.Text.Json;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests;

[Collection("statement counting")]
public sealed class CreateManyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Rows_below_the_copy_threshold_go_in_one_unnest_statement()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inputs = Enumerable.Range(0, 999).Select(i => new UserCreateInput
        {
            Email = $"{tag}-{i}@x.io",
            Name = i % 3 == 0 ? null : "N" + i,
            Role = i % 2 == 0 ? Role.Admin : Role.User,
        }).ToList();

        using var counter = new StatementCounter("INSERT INTO \"User\"");
        Assert.Equal(999, await fixture.Db.Users.CreateManyAsync(inputs));
        Assert.Equal(1, counter.Count);

        var stored = await fixture.Db.Users.Where(u => u.Email.StartsWith(tag)).ToListAsync();
        Assert.Equal(999, stored.Count);
        Assert.Equal(500, stored.Count(u => u.Role == Role.Admin));
        Assert.Equal(inputs.Count(i => i.Name is null), stored.Count(u => u.Name is null));
        Assert.Contains("unnest", counter.Sql ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_sets_go_through_binary_copy_and_fail_as_a_whole()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Two shapes of row (Role set or left to its default): two COPYs in one transaction.
        var inputs = Enumerable.Range(0, 2500).Select(i => new UserCreateInput
        {
            Email = $"{tag}-{i}@x.io",
            Name = i % 5 == 0 ? null : "N" + i,
            Role = i % 2 == 0 ? Role.Admin : null,
        }).ToList();

        using (var counter = new StatementCounter("COPY \"User\""))
        {
            Assert.Equal(2500, await fixture.Db.Users.CreateManyAsync(inputs));
            Assert.Equal(2, counter.Count);
            Assert.Contains("FORMAT BINARY", counter.Sql ?? "", StringComparison.Ordinal);
        }

        var stored = await fixture.Db.Users.Where(u => u.Email.StartsWith(tag)).ToListAsync();
        Assert.Equal(2500, stored.Count);
        Assert.Equal(1250, stored.Count(u => u.Role == Role.Admin));
        Assert.Equal(500, stored.Count(u => u.Name == null));

        // A duplicate in the last row fails the whole set: nothing of it stays.
        var again = Enumerable.Range(0, 1500).Select(i => new UserCreateInput { Email = $"{tag}-again-{i}@x.io" }).ToList();
        again.Add(new UserCreateInput { Email = $"{tag}-0@x.io" });
        var error = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateManyAsync(again));
        Assert.Equal(["Email"], error.Fields);
        Assert.Equal(0, await fixture.Db.Users.CountAsync(u => u.Email.StartsWith(tag + "-again")));
    }

    [Fact]
    public async Task Skip_duplicates_and_return_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await fixture.Db.Users.CreateAsync(new() { Email = $"{tag}-1@x.io" });
        var inputs = new[] { $"{tag}-0@x.io", $"{tag}-1@x.io", $"{tag}-2@x.io" }.Select(e => new UserCreateInput { Email = e }).ToList();

        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => fixture.Db.Users.CreateManyAsync(inputs));
        Assert.Equal(1, await fixture.Db.Users.CountAsync(u => u.Email.StartsWith(tag)));

        Assert.Equal(2, await fixture.Db.Users.CreateManyAsync(inputs, skipDuplicates: true));
        var returned = await fixture.Db.Users.CreateManyAndReturnAsync([new() { Email = $"{tag}-3@x.io", Name = "R" }, new() { Email = $"{tag}-4@x.io" }]);
        Assert.Equal(["R", null], returned.Select(u => u.Name));
        Assert.All(returned, u => Assert.True(u.Id > 0));
    }

    [Fact]
    public async Task Array_column_rows_beyond_the_parameter_limit_are_split_into_statements()
    {
        var sample = await fixture.Db.TypeSamples.CreateAsync(new()
        {
            Text = "bulk", Bytes = [], Tags = [], Numbers = [], Json = JsonDocument.Parse("{}"), Element = JsonDocument.Parse("1").RootElement,
            Int = 1, Long = 1, Short = 1, Bool = true, Decimal = 1, Double = 1, Float = 1, Guid = Guid.NewGuid(), Timestamp = DateTime.UnixEpoch,
            Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Mood = Mood.Happy,
        });

        // About 20 values per row: 4,000 rows need more than PostgreSQL's 65,535 parameters in one statement.
        var rows = Enumerable.Range(0, 4000).Select(i => new ReadingCreateInput
        {
            SampleId = sample.Id, Long = i, Decimal = i, Double = i, Float = i, At = DateTime.UnixEpoch, Offset = DateTimeOffset.UnixEpoch,
            Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Guid = Guid.NewGuid(), Mood = Mood.Sad, Numbers = [i], Tags = ["t"], Flag = true, Short = 1,
        }).ToList();
        Assert.Equal(4000, await fixture.Db.Readings.CreateManyAsync(rows));
        Assert.Equal(4000, await fixture.Db.Readings.CountAsync(r => r.SampleId == sample.Id));
        Assert.Equal(3999L * 4000 / 2, await fixture.Db.Readings.Where(r => r.SampleId == sample.Id).SumAsync(r => r.Long));
    }

    [Fact]
    public async Task Rows_with_different_defaults_and_array_columns_work()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var mixed = new List<UserCreateInput> { new() { Email = $"{tag}-a@x.io", Role = Role.Admin }, new() { Email = $"{tag}-b@x.io" } };
        Assert.Equal(2, await fixture.Db.Users.CreateManyAsync(mixed));
        Assert.Equal(Role.User, (await fixture.Db.Users.FindUniqueAsync(u => u.Email == $"{tag}-b@x.io"))!.Role);

        var samples = Enumerable.Range(0, 3).Select(i => new TypeSampleCreateInput
        {
            Text = tag, Tags = ["x", i.ToString(System.Globalization.CultureInfo.InvariantCulture)], Numbers = [i], Bytes = [(byte)i], Json = JsonDocument.Parse("{}"),
            Element = JsonDocument.Parse("1").RootElement, Int = i, Long = i, Short = 1, Bool = true, Decimal = i, Double = i, Float = i, Guid = Guid.NewGuid(),
            Timestamp = DateTime.UnixEpoch, Offset = DateTimeOffset.UnixEpoch, Date = new DateOnly(2000, 1, 1), Time = TimeOnly.MinValue, Mood = Mood.Sad,
        }).ToList();
        var stored = await fixture.Db.TypeSamples.CreateManyAndReturnAsync(samples);
        Assert.Equal([["x", "0"], ["x", "1"], ["x", "2"]], stored.Select(s => s.Tags));
    }
}
