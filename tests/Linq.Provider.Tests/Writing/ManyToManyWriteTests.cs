using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// Nested writes through a many-to-many relation: Connect, Create and ConnectOrCreate inside CreateAsync (one statement),
/// Set, Disconnect, Connect and Create inside UpdateAsync (one round trip, one transaction), missing rows failing the
/// whole write with P2025, and deletes removing their links. The join table is read back with plain Npgsql.
/// </summary>
public sealed class ManyToManyWriteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string NewName(string what) => $"w-{what}-{Guid.NewGuid():N}"[..20];

    private async Task<List<Label>> LabelsAsync(int count)
    {
        var labels = new List<Label>();
        for (var i = 0; i < count; i++)
        {
            labels.Add(await fixture.Db.Labels.CreateAsync(new() { Name = NewName("l" + i), Weight = i }));
        }

        return labels;
    }

    // The labels linked to an article, from the join table (not through the provider).
    private async Task<List<int>> LinkedAsync(int article)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"B\" FROM \"_ArticleToLabel\" WHERE \"A\" = $1 ORDER BY \"B\"", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = article });
        var result = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetInt32(0));
        }

        return result;
    }

    private async Task<long> CountAsync(string sql, object? value = null)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Create_connects_and_creates_linked_rows_in_one_statement()
    {
        var existing = await LabelsAsync(2);
        var fresh = new[] { NewName("new0"), NewName("new1"), NewName("new2") };
        Article article;
        using (var counter = new RoundTripCounter(fixture.ConnectionString))
        {
            article = await fixture.Db.Articles.CreateAsync(new()
            {
                Title = "created",
                Labels = new()
                {
                    Connect = [l => l.Id == existing[0].Id, l => l.Name == existing[1].Name],
                    Create = [.. fresh.Select((n, i) => new LabelCreateInput { Name = n, Weight = 10 + i })],
                },
            });
            // One statement, then COMMIT once its connect counts are checked.
            Assert.Equal(2, counter.Count);
            Assert.StartsWith("WITH ", counter.Statements[0], StringComparison.Ordinal);
            Assert.Contains("INSERT INTO \"_ArticleToLabel\"", counter.Statements[0], StringComparison.Ordinal);
        }

        var linked = await LinkedAsync(article.Id);
        var created = await fixture.Db.Labels.Where(l => fresh.Contains(l.Name)).ToListAsync();
        Assert.Equal(3, created.Count);
        Assert.Equal(existing.Select(l => l.Id).Concat(created.Select(l => l.Id)).Order(), linked);
        Assert.Equal(fresh.Select((n, i) => $"{n}:{10 + i}"), created.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}:{l.Weight}"));

        // The other side sees the link too.
        var back = await fixture.Db.Labels.Where(l => l.Id == existing[0].Id).Include(l => l.Articles).SingleAsync();
        Assert.Contains(back.Articles, a => a.Id == article.Id);
    }

    [Fact]
    public async Task One_created_label_under_one_created_article_gets_both_keys()
    {
        var name = NewName("one");
        var article = await fixture.Db.Articles.CreateAsync(new() { Title = "single", Labels = new() { Create = [new() { Name = name }] } },
            q => q.Include(a => a.Labels));
        var label = Assert.Single(article.Labels);
        Assert.Equal(name, label.Name);
        Assert.Equal([label.Id], await LinkedAsync(article.Id));
    }

    [Fact]
    public async Task Created_labels_carry_their_own_created_articles_each_linked_to_its_own_parent()
    {
        // Two levels of created rows linked through the join table: the labels' keys are drawn up front and each
        // grandchild article is linked to the label it was listed under (by ordinal), not to a sibling.
        var names = Enumerable.Range(0, 3).Select(i => NewName("tree" + i)).ToList();
        var root = await fixture.Db.Articles.CreateAsync(new()
        {
            Title = "tree",
            Labels = new()
            {
                Create = [.. names.Select((n, i) => new LabelCreateInput
                {
                    Name = n,
                    Articles = new() { Create = [.. Enumerable.Range(0, i + 1).Select(j => new ArticleCreateInput { Title = $"{n}/{j}" })] },
                })],
            },
        });

        var labels = await fixture.Db.Labels.Where(l => names.Contains(l.Name)).Include(l => l.Articles.OrderBy(a => a.Title)).OrderBy(l => l.Name).ToListAsync();
        Assert.Equal(3, labels.Count);
        foreach (var label in labels)
        {
            var i = names.IndexOf(label.Name);
            var expected = new[] { "tree" }.Concat(Enumerable.Range(0, i + 1).Select(j => $"{label.Name}/{j}")).Order(StringComparer.Ordinal);
            Assert.Equal(expected, label.Articles.Select(a => a.Title).Order(StringComparer.Ordinal));
        }

        Assert.Equal(labels.Select(l => l.Id).Order(), await LinkedAsync(root.Id));
    }

    [Fact]
    public async Task Connecting_a_missing_row_fails_the_whole_create_with_P2025()
    {
        var title = NewName("missing");
        var label = (await LabelsAsync(1))[0];
        var before = await CountAsync("SELECT count(*) FROM \"_ArticleToLabel\"");
        var error = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Articles.CreateAsync(new()
        {
            Title = title,
            Labels = new() { Connect = [l => l.Id == label.Id, l => l.Id == -1], Create = [new() { Name = NewName("lost") }] },
        }));
        Assert.Equal("P2025", error.Code);
        Assert.Equal("Label", error.Model);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM \"Article\" WHERE \"Title\" = $1", title));
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM \"_ArticleToLabel\""));
    }

    [Fact]
    public async Task ConnectOrCreate_links_the_existing_row_or_a_new_one()
    {
        var existing = (await LabelsAsync(1))[0];
        var name = NewName("coc");
        var article = await fixture.Db.Articles.CreateAsync(new()
        {
            Title = "coc",
            Labels = new()
            {
                ConnectOrCreate =
                [
                    new() { Where = l => l.Name == existing.Name, Create = new() { Name = existing.Name, Weight = 99 } },
                    new() { Where = l => l.Name == name, Create = new() { Name = name, Weight = 7 } },
                ],
            },
        });
        var made = await fixture.Db.Labels.SingleAsync(l => l.Name == name);
        Assert.Equal(7, made.Weight);
        Assert.Equal(existing.Weight, (await fixture.Db.Labels.SingleAsync(l => l.Id == existing.Id)).Weight);
        Assert.Equal(new[] { existing.Id, made.Id }.Order(), await LinkedAsync(article.Id));
    }

    [Fact]
    public async Task Unlinking_and_linking_the_same_row_in_one_update_gives_what_running_them_in_order_gives()
    {
        var labels = await LabelsAsync(4);
        var article = await fixture.Db.Articles.CreateAsync(new() { Title = "same", Labels = new() { Connect = [l => l.Id == labels[0].Id, l => l.Id == labels[1].Id] } });

        // Disconnect then Connect of a linked row: still linked (the delete must not run into the insert of the same pair).
        await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new() { Labels = new() { Disconnect = [l => l.Id == labels[0].Id], Connect = [l => l.Id == labels[0].Id] } });
        Assert.Equal(new[] { labels[0].Id, labels[1].Id }.Order(), await LinkedAsync(article.Id));

        // Set keeps a linked row it names, drops the other, and Connect adds one; a Disconnect of a row Set names is undone by Set.
        await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new()
        {
            Labels = new() { Set = [l => l.Id == labels[1].Id], Disconnect = [l => l.Id == labels[1].Id], Connect = [l => l.Id == labels[2].Id] },
        });
        Assert.Equal(new[] { labels[1].Id, labels[2].Id }.Order(), await LinkedAsync(article.Id));

        // Set = [] removes every link; Disconnect of a row that is not linked does nothing.
        await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new() { Labels = new() { Set = [], Disconnect = [l => l.Id == labels[3].Id] } });
        Assert.Empty(await LinkedAsync(article.Id));
    }

    [Fact]
    public async Task Update_sets_disconnects_connects_and_creates_in_one_round_trip()
    {
        var labels = await LabelsAsync(5);
        var article = await fixture.Db.Articles.CreateAsync(new() { Title = "upd", Labels = new() { Connect = [l => l.Id == labels[0].Id, l => l.Id == labels[1].Id, l => l.Id == labels[2].Id] } });

        using (var counter = new RoundTripCounter(fixture.ConnectionString))
        {
            await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new()
            {
                Labels = new()
                {
                    Disconnect = [l => l.Id == labels[1].Id, l => l.Id == labels[4].Id],
                    Connect = [l => l.Id == labels[3].Id, l => l.Id == labels[0].Id],
                },
            });
            // BEGIN, the batch, COMMIT at most: never one statement per link.
            Assert.True(counter.Count <= 3, string.Join("\n", counter.Statements));
            var sql = string.Join("\n", counter.Statements);
            // The relation's unlinks and links are one statement of CTEs; the deletes spare the pairs linked again.
            var linkStatement = Assert.Single(counter.Statements, t => t.Contains("_ArticleToLabel", StringComparison.Ordinal));
            Assert.StartsWith("WITH \"unlink", linkStatement, StringComparison.Ordinal);
            Assert.Contains("DELETE FROM \"_ArticleToLabel\" AS \"j\" WHERE ((\"j\".\"A\" = (SELECT \"parent\".\"Id\" AS \"k\" FROM \"Article\" AS \"parent\" WHERE \"parent\".\"Id\" = $1)) AND (\"j\".\"B\" IN (SELECT \"t\".\"Id\" FROM \"Label\" AS \"t\" WHERE \"t\".\"Id\" = $2))) AND (NOT (\"j\".\"B\" IN (SELECT \"t\".\"Id\" FROM \"Label\" AS \"t\" WHERE (\"t\".\"Id\" = $", linkStatement, StringComparison.Ordinal);
            Assert.Contains("INSERT INTO \"_ArticleToLabel\" (\"A\", \"B\") SELECT \"p\".\"k\", \"s\".\"k\" FROM \"connect", sql, StringComparison.Ordinal);
            Assert.Contains("ON CONFLICT DO NOTHING", sql, StringComparison.Ordinal);
        }

        Assert.Equal(new[] { labels[0].Id, labels[2].Id, labels[3].Id }.Order(), await LinkedAsync(article.Id));

        var name = NewName("set");
        var updated = await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new()
        {
            Title = "set",
            Labels = new() { Set = [l => l.Id == labels[4].Id], Create = [new() { Name = name }] },
        });
        Assert.Equal("set", updated.Title);
        var created = await fixture.Db.Labels.SingleAsync(l => l.Name == name);
        Assert.Equal(new[] { labels[4].Id, created.Id }.Order(), await LinkedAsync(article.Id));

        await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new() { Labels = new() { Set = [] } });
        Assert.Empty(await LinkedAsync(article.Id));
        Assert.Equal(5, await fixture.Db.Labels.CountAsync(l => labels.Select(x => x.Id).Contains(l.Id)));
    }

    [Fact]
    public async Task A_failed_update_leaves_every_link_as_it_was()
    {
        var labels = await LabelsAsync(2);
        var article = await fixture.Db.Articles.CreateAsync(new() { Title = "keep", Labels = new() { Connect = [l => l.Id == labels[0].Id] } });

        var missingTarget = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id,
            new() { Labels = new() { Set = [l => l.Id == labels[1].Id, l => l.Id == -5] } }));
        Assert.Equal("Label", missingTarget.Model);
        Assert.Equal([labels[0].Id], await LinkedAsync(article.Id));

        var missingParent = await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Articles.UpdateAsync(a => a.Id == -7,
            new() { Labels = new() { Connect = [l => l.Id == labels[1].Id], Create = [new() { Name = NewName("orphan") }] } }));
        Assert.Equal("Article", missingParent.Model);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM \"_ArticleToLabel\" WHERE \"A\" = -7"));
    }

    [Fact]
    public async Task Connecting_twice_keeps_one_link()
    {
        var label = (await LabelsAsync(1))[0];
        var article = await fixture.Db.Articles.CreateAsync(new() { Title = "twice", Labels = new() { Connect = [l => l.Id == label.Id, l => l.Name == label.Name] } });
        await fixture.Db.Articles.UpdateAsync(a => a.Id == article.Id, new() { Labels = new() { Connect = [l => l.Id == label.Id] } });
        Assert.Equal([label.Id], await LinkedAsync(article.Id));
    }

    [Fact]
    public async Task Deleting_either_side_removes_its_links()
    {
        var labels = await LabelsAsync(3);
        var first = await fixture.Db.Articles.CreateAsync(new() { Title = "del1", Labels = new() { Connect = [.. labels.Select(l => (System.Linq.Expressions.Expression<Func<Label, bool>>)(x => x.Id == l.Id))] } });
        var second = await fixture.Db.Articles.CreateAsync(new() { Title = "del2", Labels = new() { Connect = [l => l.Id == labels[0].Id] } });

        await fixture.Db.Labels.DeleteAsync(l => l.Id == labels[0].Id);
        Assert.Equal(new[] { labels[1].Id, labels[2].Id }, await LinkedAsync(first.Id));
        Assert.Empty(await LinkedAsync(second.Id));

        await fixture.Db.Articles.DeleteAsync(a => a.Id == first.Id);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM \"_ArticleToLabel\" WHERE \"A\" = $1", first.Id));
        Assert.Equal(2, await fixture.Db.Labels.CountAsync(l => l.Id == labels[1].Id || l.Id == labels[2].Id));
    }

    [Fact]
    public async Task A_self_relation_is_written_from_either_side()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await fixture.Db.Members.CreateAsync(new() { Handle = tag + "-a" });
        var b = await fixture.Db.Members.CreateAsync(new()
        {
            Handle = tag + "-b",
            Following = new() { Connect = [m => m.Handle == tag + "-a"] },
            Followers = new() { Create = [new() { Handle = tag + "-c" }] },
        }, q => q.Include(m => m.Followers).Include(m => m.Following));
        Assert.Equal([tag + "-c"], b.Followers.Select(m => m.Handle));
        Assert.Equal([tag + "-a"], b.Following.Select(m => m.Handle));

        var a = await fixture.Db.Members.Where(m => m.Handle == tag + "-a").Include(m => m.Followers).SingleAsync();
        Assert.Equal([tag + "-b"], a.Followers.Select(m => m.Handle));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM \"Follows\" WHERE \"A\" = $1 AND \"B\" = $2".Replace("$2", "'" + tag + "-c'"), tag + "-b"));
    }
}
