using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

/// <summary>
/// <c>Where</c> over users: every named predicate runs in PostgreSQL and in LINQ-to-Objects, plain, negated,
/// as Count/Any and through the synchronous operators. Predicates that dereference a nullable column guard it
/// (<c>u.Name != null &amp;&amp; …</c>) because LINQ-to-Objects would throw where SQL yields NULL.
/// </summary>
public sealed class UserWhereTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private const int ConstId = 7;

    internal static readonly CaseTable<User> Cases = Build();

    public static TheoryData<string> Names => Cases.Names();

    [Theory, MemberData(nameof(Names))]
    public Task Where(string name) => PredicateRunner.WhereAsync(name, Cases[name], fixture.Db.Users, fixture.Users, u => u.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Where_not(string name) => PredicateRunner.NotAsync(name, Cases[name], fixture.Db.Users, fixture.Users, u => u.Id);

    [Theory, MemberData(nameof(Names))]
    public Task Count_and_any(string name) => PredicateRunner.CountAsync(name, Cases[name], fixture.Db.Users, fixture.Users);

    [Theory, MemberData(nameof(Names))]
    public void Sync(string name) => PredicateRunner.Sync(name, Cases[name], fixture.Db.Users, fixture.Users, u => u.Id);

    [Fact]
    public void Every_case_selects_some_but_not_all_rows_or_is_meant_to()
    {
        // Guards the suite itself: a predicate that selects nothing (or everything) proves little, so those are listed here on purpose.
        string[] degenerate =
        [
            "false constant", "true constant", "captured null nullable enum", "role != captured null nullable enum", "name == name (null == null is true in C#)",
            "name != name", "empty int[]", "empty List<int>", "email starts with empty string", "email contains empty string",
            "email ends with ordinal-ignore-case .com", "posts.Any(p => p.AuthorId != u.Id)", "email contains 'example' ignoring case",
            "empty HashSet<string> of emails", "lazy empty IEnumerable<int>", "enum List Contains",
        ];
        var suspicious = new List<string>();
        foreach (var name in Cases)
        {
            var count = fixture.Users.Count(Cases[name].Compile());
            if ((count == 0 || count == fixture.Users.Count) && !degenerate.Contains(name))
            {
                suspicious.Add(name + " (" + count + ")");
            }
        }

        Assert.True(suspicious.Count == 0, "Degenerate predicates: " + string.Join("; ", suspicious));
    }

    private static string LocalEmail(int index) => QuerySeed.Users[index].Email;

    private static CaseTable<User> Build()
    {
        var min = 10;
        var filter = new { Min = 3, Inner = new { Max = 9 } };
        int[] pair = [4, 8];
        string? nobody = null;
        var bobEmail = "BOB@example.com";
        var user = "ann";
        var admin = Role.Admin;
        Role? maybeUser = Role.User;
        Role? noRole = null;
        int[] ids = [1, 3, 5, 7, 33];
        int[] emptyIds = [];
        List<int> idList = [2, 4, 6, 100];
        List<int> emptyList = [];
        HashSet<int> idSet = [10, 11, 12];
        IEnumerable<int> lazyIds = Enumerable.Range(1, 40).Where(i => i % 5 == 0);
        IEnumerable<int> lazyEmpty = Enumerable.Range(1, 40).Where(i => i > 1000);
        string?[] namesWithNull = ["Ann", null, "Bob"];
        string[] names = ["Ann", "ann", "nobody", "日本語", "🎉 Party"];
        List<string> emails = ["bob@example.com", "a%b@example.com", "missing@example.com"];
        HashSet<string> noEmails = [];
        Role[] roles = [Role.Admin];
        List<Role> allRoles = [Role.User, Role.Admin];
        var percent = "%";
        var underscore = "_";
        var backslash = "\\";
        var part = "_b";
        var pub = true;

        return new CaseTable<User>
        {
            // comparison operators
            { "id == 5", u => u.Id == 5 },
            { "id != 5", u => u.Id != 5 },
            { "id < 10", u => u.Id < 10 },
            { "id <= 10", u => u.Id <= 10 },
            { "id > 30", u => u.Id > 30 },
            { "id >= 30", u => u.Id >= 30 },
            { "constant on the left", u => 10 > u.Id },
            { "const field", u => u.Id == ConstId },
            { "range with &&", u => u.Id > 3 && u.Id < 9 },
            { "||", u => u.Id < 3 || u.Id > 32 },
            { "!(a && b)", u => !(u.Id > 3 && u.Id < 9) },
            { "!(a || b)", u => !(u.Id < 3 || u.Id > 32) },
            { "!!a", u => !!(u.Id == 4) },
            { "&& binds tighter than ||", u => u.Id < 5 || u.Id > 10 && u.Id < 13 },
            { "(a || b) && c", u => (u.Id < 5 || u.Id > 10) && u.Id < 13 },
            { "true constant", u => true },
            { "false constant", u => false },
            { "true && a", u => true && u.Id < 4 },
            { "a || false", u => u.Id < 4 || false },

            // arithmetic
            { "id * 2 > 20", u => u.Id * 2 > 20 },
            { "id + 1 == 6", u => u.Id + 1 == 6 },
            { "id - 3 < 0", u => u.Id - 3 < 0 },
            { "id / 3 == 2 (integer division)", u => u.Id / 3 == 2 },
            { "id % 3 == 0", u => u.Id % 3 == 0 },
            { "-id < -30", u => -u.Id < -30 },
            { "(id + 2) * 3 - 1 > 50", u => (u.Id + 2) * 3 - 1 > 50 },
            { "id * 1.5 > 20 (double)", u => u.Id * 1.5 > 20 },
            { "id / 2.0 == 3.5 (double division)", u => u.Id / 2.0 == 3.5 },
            { "id % 4 == 3 && id / 4 == 2", u => u.Id % 4 == 3 && u.Id / 4 == 2 },
            { "id - id == 0 && id * 0 == 0 && id < 3", u => u.Id - u.Id == 0 && u.Id * 0 == 0 && u.Id < 3 },

            // captured values
            { "captured local", u => u.Id > min },
            { "closure member chain", u => u.Id > filter.Min && u.Id < filter.Inner.Max },
            { "captured array element", u => u.Id == pair[1] },
            { "static field member chain", u => u.Email == QuerySeed.Users[3].Email },
            { "captured null: name == nobody", u => u.Name == nobody },
            { "captured null: name != nobody", u => u.Name != nobody },
            { "captured method call evaluated on the client", u => u.Email == bobEmail.ToLowerInvariant() },
            { "local method without row argument", u => u.Email == LocalEmail(21) },
            { "interpolated string of a captured value", u => u.Email == $"{user}@example.com" },
            { "captured bool inside relation lambda", u => u.Posts.Any(p => p.Published == pub) },

            // nulls and C# null semantics
            { "name == null", u => u.Name == null },
            { "name != null", u => u.Name != null },
            { "null == name", u => null == u.Name },
            { "name == \"Ann\"", u => u.Name == "Ann" },
            { "name != \"Ann\" keeps nulls", u => u.Name != "Ann" },
            { "!(name == \"Ann\")", u => !(u.Name == "Ann") },
            { "!(name != \"Ann\")", u => !(u.Name != "Ann") },
            { "!(name == null)", u => !(u.Name == null) },
            { "name == name (null == null is true in C#)", u => u.Name == u.Name },
            { "name != name", u => u.Name != u.Name },
            { "name == first letter of email (column vs column)", u => u.Name == u.Email.Substring(0, 1) },
            { "name != first letter of email (column vs column)", u => u.Name != u.Email.Substring(0, 1) },
            { "name == \"\"", u => u.Name == "" },
            { "name != \"\"", u => u.Name != "" },
            { "name == null || name == \"\"", u => u.Name == null || u.Name == "" },
            { "(name ?? \"\") == \"\"", u => (u.Name ?? "") == "" },
            { "(name ?? email).StartsWith(\"no\")", u => (u.Name ?? u.Email).StartsWith("no") },
            { "conditional (name == null ? \"?\" : name) == \"?\"", u => (u.Name == null ? "?" : u.Name) == "?" },
            { "\"Ann\".Equals(name)", u => "Ann".Equals(u.Name) },
            { "email.Equals(\"bob@example.com\")", u => u.Email.Equals("bob@example.com") },
            { "string.Equals(name, \"Ann\")", u => string.Equals(u.Name, "Ann") },
            { "string.Equals(name, null)", u => string.Equals(u.Name, null) },
            { "name == \"Ann\" || name == null", u => u.Name == "Ann" || u.Name == null },
            { "!(name == \"Ann\" || name == null)", u => !(u.Name == "Ann" || u.Name == null) },
            { "name != \"Ann\" && name != \"Bob\"", u => u.Name != "Ann" && u.Name != "Bob" },

            // enums
            { "role == Admin", u => u.Role == Role.Admin },
            { "role != Admin", u => u.Role != Role.Admin },
            { "Admin == role", u => Role.Admin == u.Role },
            { "captured enum", u => u.Role == admin },
            { "captured nullable enum", u => u.Role == maybeUser },
            { "captured null nullable enum", u => u.Role == noRole },
            { "role != captured null nullable enum", u => u.Role != noRole },
            { "role > User (declaration order)", u => u.Role > Role.User },
            { "role == Admin && name != null", u => u.Role == Role.Admin && u.Name != null },
            { "enum array Contains", u => roles.Contains(u.Role) },
            { "enum List Contains", u => allRoles.Contains(u.Role) },

            // string patterns: wildcards in values must be literal
            { "email starts with \"a%\"", u => u.Email.StartsWith("a%") },
            { "email starts with \"a_\"", u => u.Email.StartsWith("a_") },
            { "email contains \"%\"", u => u.Email.Contains("%") },
            { "email contains \"_\"", u => u.Email.Contains("_") },
            { "email contains \"\\\"", u => u.Email.Contains("\\") },
            { "email contains captured \"%\"", u => u.Email.Contains(percent) },
            { "email contains captured \"_\"", u => u.Email.Contains(underscore) },
            { "email contains captured \"\\\"", u => u.Email.Contains(backslash) },
            { "email contains captured \"_b\"", u => u.Email.Contains(part) },
            { "email ends with \".COM\"", u => u.Email.EndsWith(".COM") },
            { "email ends with \"@example.com\"", u => u.Email.EndsWith("@example.com") },
            { "email contains \"$1\"", u => u.Email.Contains("$1") },
            { "email contains \"'\" (none)", u => u.Email.Contains("'") || u.Id == 1 },
            { "email starts with empty string", u => u.Email.StartsWith("") },
            { "email contains empty string", u => u.Email.Contains("") },
            { "email starts with \"a%\" ordinal", u => u.Email.StartsWith("a%", StringComparison.Ordinal) },
            { "email ends with \"b@example.com\" ordinal", u => u.Email.EndsWith("b@example.com", StringComparison.Ordinal) },
            { "email contains \"X\" ordinal", u => u.Email.Contains("X", StringComparison.Ordinal) },
            { "name starts with \"a\"", u => u.Name != null && u.Name.StartsWith("a") },
            { "name contains \"%\"", u => u.Name != null && u.Name.Contains("%") },
            { "name contains \"_\"", u => u.Name != null && u.Name.Contains("_") },
            { "name ends with \"b\"", u => u.Name != null && u.Name.EndsWith("b") },
            { "name contains \"'\"", u => u.Name != null && u.Name.Contains("'") },
            { "name contains \"\\\"\"", u => u.Name != null && u.Name.Contains("\"") },
            { "name contains \"\\\\\"", u => u.Name != null && u.Name.Contains("\\") },
            { "name contains \"$\"", u => u.Name != null && u.Name.Contains("$") },
            { "name contains \"--\"", u => u.Name != null && u.Name.Contains("--") },
            { "name contains emoji", u => u.Name != null && u.Name.Contains("🎉") },
            { "name starts with non-BMP clef", u => u.Name != null && u.Name.StartsWith("𝄞") },
            { "name contains CJK", u => u.Name != null && u.Name.Contains("本") },
            { "email contains name (column pattern)", u => u.Name != null && u.Email.Contains(u.Name) },
            { "email starts with name (column pattern)", u => u.Name != null && u.Email.StartsWith(u.Name) },
            { "name ends with itself", u => u.Name != null && u.Name.EndsWith(u.Name) },

            // case conversion, case-insensitive comparison (ASCII)
            { "email.ToLower() == \"ann@example.com\"", u => u.Email.ToLower() == "ann@example.com" },
            { "email.ToUpper() == \"BOB@EXAMPLE.COM\"", u => u.Email.ToUpper() == "BOB@EXAMPLE.COM" },
            { "name.ToLower() == \"ann\"", u => u.Name != null && u.Name.ToLower() == "ann" },
            { "name.ToUpper().StartsWith(\"CAROL\")", u => u.Name != null && u.Name.ToUpper().StartsWith("CAROL") },
            { "name.ToLowerInvariant() == captured", u => u.Name != null && u.Name.ToLowerInvariant() == user },
            { "string.Equals(email, ..., OrdinalIgnoreCase)", u => string.Equals(u.Email, "ann@example.com", StringComparison.OrdinalIgnoreCase) },
            { "string.Equals(name, \"ann\", OrdinalIgnoreCase)", u => string.Equals(u.Name, "ann", StringComparison.OrdinalIgnoreCase) },
            { "string.Equals(name, null, OrdinalIgnoreCase)", u => string.Equals(u.Name, null, StringComparison.OrdinalIgnoreCase) },
            { "string.Equals(name, \"ann\", Ordinal)", u => string.Equals(u.Name, "ann", StringComparison.Ordinal) },
            { "email.Equals(captured, OrdinalIgnoreCase)", u => u.Email.Equals(bobEmail, StringComparison.OrdinalIgnoreCase) },
            { "email contains \"ANN\" ignoring case", u => u.Email.Contains("ANN", StringComparison.OrdinalIgnoreCase) },
            { "email contains 'example' ignoring case", u => u.Email.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase) },
            { "email starts with \"A%\" ignoring case (still literal %)", u => u.Email.StartsWith("A%", StringComparison.OrdinalIgnoreCase) },
            { "email starts with \"A_\" ignoring case (still literal _)", u => u.Email.StartsWith("A_", StringComparison.OrdinalIgnoreCase) },
            { "email ends with ordinal-ignore-case .com", u => u.Email.EndsWith(".com", StringComparison.OrdinalIgnoreCase) },
            { "name contains \"CAROL\" ignoring case", u => u.Name != null && u.Name.Contains("CAROL", StringComparison.OrdinalIgnoreCase) },

            // case conversion and case-insensitive comparison beyond ASCII (C# maps all of Unicode)
            { "name.ToLower() == \"émile\" (non-ASCII)", u => u.Name != null && u.Name.ToLower() == "émile" },
            { "name.ToUpper() == \"ZOË\" (non-ASCII)", u => u.Name != null && u.Name.ToUpper() == "ZOË" },
            { "string.Equals(name, \"émile\", OrdinalIgnoreCase) (non-ASCII)", u => string.Equals(u.Name, "émile", StringComparison.OrdinalIgnoreCase) },
            { "name contains \"Ë\" ignoring case (non-ASCII)", u => u.Name != null && u.Name.Contains("Ë", StringComparison.OrdinalIgnoreCase) },

            // IsNullOrEmpty, IsNullOrWhiteSpace, Length, Trim, Substring, concatenation
            { "string.IsNullOrEmpty(name)", u => string.IsNullOrEmpty(u.Name) },
            { "!string.IsNullOrEmpty(name)", u => !string.IsNullOrEmpty(u.Name) },
            { "string.IsNullOrWhiteSpace(name)", u => string.IsNullOrWhiteSpace(u.Name) },
            { "email.Length > 20", u => u.Email.Length > 20 },
            { "name.Length == 3", u => u.Name != null && u.Name.Length == 3 },
            { "name.Length == 0", u => u.Name != null && u.Name.Length == 0 },
            { "name.Length == 7 (UTF-16 code units, non-BMP counts 2)", u => u.Name != null && u.Name.Length == 7 },
            { "name.Length == 8 (UTF-16 code units, non-BMP counts 2)", u => u.Name != null && u.Name.Length == 8 },
            { "name.Trim() == \"spaced\"", u => u.Name != null && u.Name.Trim() == "spaced" },
            { "email.Substring(0, 3) == \"ann\"", u => u.Email.Substring(0, 3) == "ann" },
            { "email.Substring(1, 2) == \"_b\"", u => u.Email.Substring(1, 2) == "_b" },
            { "email + \"!\" == \"bob@example.com!\"", u => u.Email + "!" == "bob@example.com!" },
            { "name + \"x\" == \"x\" (null + string is the string)", u => u.Name + "x" == "x" },
            { "string.Concat(name, email).StartsWith(\"nobody\")", u => string.Concat(u.Name, u.Email).StartsWith("nobody") },

            // collection Contains
            { "int[] Contains", u => ids.Contains(u.Id) },
            { "!int[] Contains", u => !ids.Contains(u.Id) },
            { "inline array Contains", u => new[] { 2, 4 }.Contains(u.Id) },
            { "Enumerable.Contains(int[])", u => Enumerable.Contains(ids, u.Id) },
            { "List<int> Contains", u => idList.Contains(u.Id) },
            { "HashSet<int> Contains", u => idSet.Contains(u.Id) },
            { "lazy IEnumerable<int> Contains", u => lazyIds.Contains(u.Id) },
            { "lazy empty IEnumerable<int>", u => lazyEmpty.Contains(u.Id) },
            { "client-side Where on a captured array, then Contains", u => ids.Where(i => i > 2).Contains(u.Id) },
            { "empty int[]", u => emptyIds.Contains(u.Id) },
            { "empty List<int>", u => emptyList.Contains(u.Id) },
            { "empty int[] || id == 1", u => emptyIds.Contains(u.Id) || u.Id == 1 },
            { "string[] Contains name", u => names.Contains(u.Name) },
            { "string?[] with null Contains name (null matches null)", u => namesWithNull.Contains(u.Name) },
            { "List<string> Contains email", u => emails.Contains(u.Email) },
            { "empty HashSet<string> of emails", u => noEmails.Contains(u.Email) },
            { "local collection Any(i => i == id)", u => ids.Any(i => i == u.Id) },

            // to-many relation filters
            { "posts.Any()", u => u.Posts.Any() },
            { "!posts.Any()", u => !u.Posts.Any() },
            { "posts.Any(published)", u => u.Posts.Any(p => p.Published) },
            { "!posts.Any(published)", u => !u.Posts.Any(p => p.Published) },
            { "posts.All(published) (true without posts)", u => u.Posts.All(p => p.Published) },
            { "posts.All(!published)", u => u.Posts.All(p => !p.Published) },
            { "posts.Count() > 2", u => u.Posts.Count() > 2 },
            { "posts.Count > 2 (List.Count)", u => u.Posts.Count > 2 },
            { "posts.Count() == 0", u => u.Posts.Count() == 0 },
            { "posts.Count(published) == 1", u => u.Posts.Count(p => p.Published) == 1 },
            { "posts.Count(published) >= posts.Count() - 1", u => u.Posts.Count(p => p.Published) >= u.Posts.Count() - 1 },
            { "posts.Any(content == null)", u => u.Posts.Any(p => p.Content == null) },
            { "posts.Any(title starts with \"a%\")", u => u.Posts.Any(p => p.Title.StartsWith("a%")) },
            { "posts.Any(created in 2000)", u => u.Posts.Any(p => p.CreatedAt.Year == 2000) },
            { "posts.Any(p => p.Comments.Any()) (nested)", u => u.Posts.Any(p => p.Comments.Any()) },
            { "posts.Any(p => p.Comments.Count() > 5)", u => u.Posts.Any(p => p.Comments.Count() > 5) },
            { "posts.All(p => p.Comments.Any())", u => u.Posts.All(p => p.Comments.Any()) },
            { "posts.Any(p => p.AuthorId != u.Id)", u => u.Posts.Any(p => p.AuthorId != u.Id) },
            { "posts.Any(p => p.Id < u.Id * 3) (correlated)", u => u.Posts.Any(p => p.Id < u.Id * 3) },
            { "posts.Sum(id) < 150 (0 without posts)", u => u.Posts.Sum(p => p.Id) < 150 },
            { "posts.Any(p => captured ids.Contains(p.Id))", u => u.Posts.Any(p => ids.Contains(p.Id)) },
            { "posts.Count(title contains \"%\") > 0", u => u.Posts.Count(p => p.Title.Contains("%")) > 0 },
            { "posts.Any(p => p.Author.Role == Admin) (back through the navigation)", u => u.Posts.Any(p => p.Author!.Role == Role.Admin) },
            { "posts.Where(published).Any()", u => u.Posts.Where(p => p.Published).Any() },
            { "posts.Where(published).Count() > 1", u => u.Posts.Where(p => p.Published).Count() > 1 },
            { "posts.Any(published) && !posts.All(published)", u => u.Posts.Any(p => p.Published) && !u.Posts.All(p => p.Published) },
            { "posts.Select(title).Contains(\"Hello\")", u => u.Posts.Select(p => p.Title).Contains("Hello") },
            { "posts.Any(p => p.Content == u.Name) (correlated, nullable both sides)", u => u.Posts.Any(p => p.Content == u.Name) },
            { "role == Admin && posts.Any()", u => u.Role == Role.Admin && u.Posts.Any() },
            { "posts.Any() || profile != null", u => u.Posts.Any() || u.Profile != null },

            // to-one back-reference
            { "profile != null", u => u.Profile != null },
            { "profile == null", u => u.Profile == null },
            { "profile != null && profile.Bio == null", u => u.Profile != null && u.Profile.Bio == null },
            { "profile != null && profile.Bio != null", u => u.Profile != null && u.Profile.Bio != null },
            { "profile != null && profile.Bio == \"\"", u => u.Profile != null && u.Profile.Bio == "" },
            { "profile != null && bio starts with emoji", u => u.Profile != null && u.Profile.Bio != null && u.Profile.Bio.StartsWith("🎉") },
            { "profile == null && name == null", u => u.Profile == null && u.Name == null },
        };
    }
}
