using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>Where</c> over comments (two-level navigation <c>c.Post!.Author!</c>), profiles (nullable bio, to-one user),
/// accounts (decimal) and type samples (nullable int/bool/enum/double/decimal/date columns under <c>!</c>).
/// </summary>
public sealed class MoreWhereTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    internal static readonly CaseTable<Comment> CommentCases = BuildComments();
    internal static readonly CaseTable<Profile> ProfileCases = BuildProfiles();
    internal static readonly CaseTable<Account> AccountCases = BuildAccounts();
    internal static readonly CaseTable<TypeSample> SampleCases = BuildSamples();

    public static TheoryData<string> CommentNames => CommentCases.Names();
    public static TheoryData<string> ProfileNames => ProfileCases.Names();
    public static TheoryData<string> AccountNames => AccountCases.Names();
    public static TheoryData<string> SampleNames => SampleCases.Names();

    [Theory, MemberData(nameof(CommentNames))]
    public Task Comment_where(string name) => PredicateRunner.WhereAsync(name, CommentCases[name], fixture.Db.Comments, fixture.Comments, c => c.Id);

    [Theory, MemberData(nameof(CommentNames))]
    public Task Comment_where_not(string name) => PredicateRunner.NotAsync(name, CommentCases[name], fixture.Db.Comments, fixture.Comments, c => c.Id);

    [Theory, MemberData(nameof(CommentNames))]
    public Task Comment_count(string name) => PredicateRunner.CountAsync(name, CommentCases[name], fixture.Db.Comments, fixture.Comments);

    [Theory, MemberData(nameof(ProfileNames))]
    public Task Profile_where(string name) => PredicateRunner.WhereAsync(name, ProfileCases[name], fixture.Db.Profiles, fixture.Profiles, p => p.Id);

    [Theory, MemberData(nameof(ProfileNames))]
    public Task Profile_where_not(string name) => PredicateRunner.NotAsync(name, ProfileCases[name], fixture.Db.Profiles, fixture.Profiles, p => p.Id);

    [Theory, MemberData(nameof(AccountNames))]
    public Task Account_where(string name) => PredicateRunner.WhereAsync(name, AccountCases[name], fixture.Db.Accounts, fixture.Accounts, a => a.Id);

    [Theory, MemberData(nameof(AccountNames))]
    public Task Account_where_not(string name) => PredicateRunner.NotAsync(name, AccountCases[name], fixture.Db.Accounts, fixture.Accounts, a => a.Id);

    [Theory, MemberData(nameof(SampleNames))]
    public Task Sample_where(string name) => PredicateRunner.WhereAsync(name, SampleCases[name], fixture.Db.TypeSamples, fixture.TypeSamples, t => t.Id);

    [Theory, MemberData(nameof(SampleNames))]
    public Task Sample_where_not(string name) => PredicateRunner.NotAsync(name, SampleCases[name], fixture.Db.TypeSamples, fixture.TypeSamples, t => t.Id);

    [Theory, MemberData(nameof(SampleNames))]
    public void Sample_sync(string name) => PredicateRunner.Sync(name, SampleCases[name], fixture.Db.TypeSamples, fixture.TypeSamples, t => t.Id);

    [Fact]
    public void Cases_are_selective()
    {
        CaseTableGuard.AssertSelective(CommentCases, fixture.Comments, "postId == post.Id");
        CaseTableGuard.AssertSelective(ProfileCases, fixture.Profiles);
        CaseTableGuard.AssertSelective(AccountCases, fixture.Accounts);
        CaseTableGuard.AssertSelective(SampleCases, fixture.TypeSamples, "decimalN == decimalN");
    }

    [Fact]
    public void Decimals_round_trip_exactly()
    {
        Assert.Equal(QuerySeed.Accounts.Select(a => a.Balance), fixture.Accounts.Select(a => a.Balance));
        Assert.Equal(QuerySeed.Accounts.Select(a => a.Email), fixture.Accounts.Select(a => a.Email));
    }

    private static CaseTable<Comment> BuildComments()
    {
        var ann = "Ann";
        return new CaseTable<Comment>
        {
            { "text == \"nice\"", c => c.Text == "nice" },
            { "text contains \"%\"", c => c.Text.Contains("%") },
            { "text contains \"_\"", c => c.Text.Contains("_") },
            { "text starts with backslash", c => c.Text.StartsWith("\\") },
            { "text == \"\"", c => c.Text == "" },
            { "text.ToLower() == \"nice\"", c => c.Text.ToLower() == "nice" },
            { "text contains \"NICE\" ignoring case", c => c.Text.Contains("NICE", StringComparison.OrdinalIgnoreCase) },
            { "post.Published", c => c.Post!.Published },
            { "!post.Published", c => !c.Post!.Published },
            { "post.Content == null", c => c.Post!.Content == null },
            { "post.Title.ToLower() == \"hello\"", c => c.Post!.Title.ToLower() == "hello" },
            { "post.Author.Name == captured \"Ann\"", c => c.Post!.Author!.Name == ann },
            { "post.Author.Name == null", c => c.Post!.Author!.Name == null },
            { "post.Author.Name != \"Ann\" (keeps null names)", c => c.Post!.Author!.Name != "Ann" },
            { "post.Author.Role == Admin", c => c.Post!.Author!.Role == Role.Admin },
            { "post.Author.Email starts with \"a\"", c => c.Post!.Author!.Email.StartsWith("a") },
            { "post.Author.Profile != null", c => c.Post!.Author!.Profile != null },
            { "post.Author.Profile.Bio == null", c => c.Post!.Author!.Profile != null && c.Post.Author.Profile.Bio == null },
            { "post.Comments.Count() > 10", c => c.Post!.Comments.Count() > 10 },
            { "post.Author.Posts.Count() > 4", c => c.Post!.Author!.Posts.Count() > 4 },
            { "createdAt > post.CreatedAt", c => c.CreatedAt > c.Post!.CreatedAt },
            { "createdAt.Month == 3", c => c.CreatedAt.Month == 3 },
            { "postId == post.Id", c => c.PostId == c.Post!.Id },
            { "post.Published && post.Author.Role == User", c => c.Post!.Published && c.Post.Author!.Role == Role.User },
        };
    }

    private static CaseTable<Profile> BuildProfiles() => new()
    {
        { "bio == null", p => p.Bio == null },
        { "bio != null", p => p.Bio != null },
        { "bio == \"\"", p => p.Bio == "" },
        { "string.IsNullOrEmpty(bio)", p => string.IsNullOrEmpty(p.Bio) },
        { "bio != \"dave\" (keeps null)", p => p.Bio != "dave" },
        { "bio == user.Name.ToLower()", p => p.User!.Name != null && p.Bio == p.User.Name.ToLower() },
        { "user.Name == null", p => p.User!.Name == null },
        { "user.Role == Admin", p => p.User!.Role == Role.Admin },
        { "user.Posts.Any()", p => p.User!.Posts.Any() },
        { "user.Posts.Count() > 3", p => p.User!.Posts.Count() > 3 },
        { "user.Posts.All(published)", p => p.User!.Posts.All(q => q.Published) },
        { "bio contains \"%\"", p => p.Bio != null && p.Bio.Contains("%") },
    };

    private static CaseTable<Account> BuildAccounts()
    {
        var threshold = 0.01m;
        var huge = 1_000_000_000_000m;
        return new CaseTable<Account>
        {
            { "balance > 0", a => a.Balance > 0 },
            { "balance < 0", a => a.Balance < 0 },
            { "balance == 0", a => a.Balance == 0 },
            { "balance == 1 (1 == 1.000)", a => a.Balance == 1m },
            { "balance != 1", a => a.Balance != 1m },
            { "balance >= captured 0.01", a => a.Balance >= threshold },
            { "balance > captured 1e12", a => a.Balance > huge },
            { "balance * 2 > 200", a => a.Balance * 2 > 200 },
            { "balance + 0.5 == 1", a => a.Balance + 0.5m == 1m },
            { "balance / 3 > 10", a => a.Balance / 3 > 10 },
            { "balance % 2 == 1", a => a.Balance % 2 == 1 },
            { "-balance > 0", a => -a.Balance > 0 },
            { "Math.Abs(balance) < 1", a => Math.Abs(a.Balance) < 1 },
            { "Math.Floor(balance) == 0", a => Math.Floor(a.Balance) == 0 },
            { "Math.Ceiling(balance) == 1", a => Math.Ceiling(a.Balance) == 1 },
            { "Math.Round(balance) == 0 (banker's rounding in C#)", a => Math.Round(a.Balance) == 0 },
            { "Math.Round(balance) == 1 (banker's rounding in C#)", a => Math.Round(a.Balance) == 1 },
            { "balance == 33.333333333333", a => a.Balance == 33.333333333333m },
            { "balance == 1234567890123456789.123456789 (28 digits)", a => a.Balance == 1234567890123456789.123456789m },
            { "email contains \"minus\"", a => a.Email.Contains("minus") },
        };
    }

    private static CaseTable<TypeSample> BuildSamples()
    {
        int? three = 3;
        int? none = null;
        Mood? happy = Mood.Happy;
        Mood? noMood = null;
        bool? yes = true;
        int?[] intNs = [1, null, 9];
        var day = new DateOnly(2024, 2, 29);
        return new CaseTable<TypeSample>
        {
            // nullable int: lifted comparisons are false on null in C#, but their negation is true
            { "intN > 3", t => t.IntN > 3 },
            { "intN <= 3", t => t.IntN <= 3 },
            { "intN == 3", t => t.IntN == 3 },
            { "intN != 3", t => t.IntN != 3 },
            { "intN == null", t => t.IntN == null },
            { "intN != null", t => t.IntN != null },
            { "intN.HasValue", t => t.IntN.HasValue },
            { "!intN.HasValue", t => !t.IntN.HasValue },
            { "intN.HasValue && intN.Value > 3", t => t.IntN.HasValue && t.IntN.Value > 3 },
            { "intN == captured 3", t => t.IntN == three },
            { "intN == captured null", t => t.IntN == none },
            { "intN != captured null", t => t.IntN != none },
            { "intN == int", t => t.IntN == t.Int },
            { "intN > int", t => t.IntN > t.Int },
            { "(intN ?? 0) > 2", t => (t.IntN ?? 0) > 2 },
            { "intN + 1 > 4 (null + 1 is null)", t => t.IntN + 1 > 4 },
            { "intN * 2 == longN (mixed nullable)", t => t.IntN * 2 == t.LongN },
            { "intN.GetValueOrDefault() > 2", t => t.IntN.GetValueOrDefault() > 2 },
            { "int?[] with null Contains intN", t => intNs.Contains(t.IntN) },
            { "longN > 10^10", t => t.LongN > 10_000_000_000L },
            { "shortN < 5", t => t.ShortN < 5 },

            // bools
            { "bool", t => t.Bool },
            { "!bool", t => !t.Bool },
            { "bool == false", t => t.Bool == false },
            { "boolN == true", t => t.BoolN == true },
            { "boolN == false", t => t.BoolN == false },
            { "boolN != true", t => t.BoolN != true },
            { "boolN == null", t => t.BoolN == null },
            { "boolN == captured true", t => t.BoolN == yes },
            { "boolN ?? false", t => t.BoolN ?? false },
            { "boolN == bool", t => t.BoolN == t.Bool },
            { "bool && int > 0", t => t.Bool && t.Int > 0 },
            { "boolN.HasValue && boolN.Value", t => t.BoolN.HasValue && t.BoolN.Value },

            // enums
            { "mood == Happy", t => t.Mood == Mood.Happy },
            { "mood != Happy", t => t.Mood != Mood.Happy },
            { "moodN == Happy", t => t.MoodN == Mood.Happy },
            { "moodN != Happy (keeps null)", t => t.MoodN != Mood.Happy },
            { "moodN == captured Happy", t => t.MoodN == happy },
            { "moodN == captured null", t => t.MoodN == noMood },
            { "moodN == null", t => t.MoodN == null },
            { "moodN > mood (lifted, false for null)", t => t.MoodN > t.Mood },
            { "moodN == mood || moodN == null", t => t.MoodN == t.Mood || t.MoodN == null },

            // text, floating point, decimal, dates
            { "textN == null", t => t.TextN == null },
            { "textN == \"\"", t => t.TextN == "" },
            { "string.IsNullOrEmpty(textN)", t => string.IsNullOrEmpty(t.TextN) },
            { "textN != \"t2\"", t => t.TextN != "t2" },
            { "double > 1.5", t => t.Double > 1.5 },
            { "doubleN < 1", t => t.DoubleN < 1 },
            { "doubleN == null", t => t.DoubleN == null },
            { "float > 1.5f", t => t.Float > 1.5f },
            { "floatN >= 2", t => t.FloatN >= 2 },
            { "decimal < 0", t => t.Decimal < 0 },
            { "decimalN < -2", t => t.DecimalN < -2 },
            { "decimalN == decimalN", t => t.DecimalN == t.DecimalN },
            { "date > 2024-02-29", t => t.Date > day },
            { "dateN == null", t => t.DateN == null },
            { "timestampN.Value.Hour < 3", t => t.TimestampN.HasValue && t.TimestampN.Value.Hour < 3 },
            { "timestampN < timestamp", t => t.TimestampN < t.Timestamp },
        };
    }
}
