namespace Linq.Migrations.Tests;

/// <summary>Schema models written the way the source generator writes them (type names, constraint names, defaults).</summary>
internal static class Models
{
    public static ColumnDefinition Col(string name, string type, bool nullable = false, bool identity = false, ColumnDefault? @default = null) =>
        new(name, type, nullable, identity, @default);

    public static TableDefinition Table(
        string name,
        IReadOnlyList<ColumnDefinition> columns,
        IReadOnlyList<string>? primaryKey = null,
        IReadOnlyList<UniqueConstraintDefinition>? uniques = null,
        IReadOnlyList<ForeignKeyDefinition>? foreignKeys = null,
        IReadOnlyList<IndexDefinition>? indexes = null,
        string? schema = null) =>
        new(name, columns, primaryKey ?? [], uniques ?? [], foreignKeys ?? [], indexes ?? [], schema);

    public static SchemaDefinition Schema(params TableDefinition[] tables) => new([], tables);

    public static SchemaDefinition Schema(IReadOnlyList<EnumTypeDefinition> enums, params TableDefinition[] tables) => new(enums, tables);

    public const string LongTable = "AVeryLongTableNameThatKeepsGoingForTestingTruncation";

    /// <summary>
    /// A model using everything the generator knows: identity of each integer size, composite primary key, unique
    /// column and composite unique, composite index, foreign-key indexes, enums (scalar, array, default), defaults of
    /// every kind (now(), booleans, numbers of each numeric type including negatives, text with a quote, enum
    /// label), nullable and non-null columns of every mapped type, arrays, jsonb, mapped table and column names,
    /// foreign keys with each ON DELETE action and several ON UPDATE actions, a multi-column foreign key, a unique
    /// index, NULLS FIRST index columns (the model's nullable ones), and names longer than PostgreSQL's 63 bytes.
    /// </summary>
    public static SchemaDefinition Everything() => new(
        [
            new EnumTypeDefinition("Role", ["User", "Admin", "Guest's"]),
            new EnumTypeDefinition("PostStatus", ["Draft", "Published", "Archived"]),
        ],
        [
            Table("User",
                [
                    Col("Id", "integer", identity: true),
                    Col("Email", "text"),
                    Col("Name", "text", nullable: true),
                    Col("Role", "\"Role\"", @default: ColumnDefault.TypedText("User", "\"Role\"")),
                    Col("Active", "boolean", @default: ColumnDefault.Boolean(true)),
                    Col("Banned", "boolean", @default: ColumnDefault.Boolean(false)),
                    Col("Karma", "numeric", @default: ColumnDefault.Number("1.5")),
                    Col("Whole", "numeric", @default: ColumnDefault.Number("2")),
                    Col("Score", "double precision", @default: ColumnDefault.Number("0.25")),
                    Col("Ratio", "real", @default: ColumnDefault.Number("1.5")),
                    Col("Big", "bigint", @default: ColumnDefault.Number("10000000000")),
                    Col("Small", "smallint", @default: ColumnDefault.Number("-3")),
                    Col("Negative", "integer", @default: ColumnDefault.Number("-1")),
                    Col("Zero", "integer", @default: ColumnDefault.Number("0")),
                    Col("Greeting", "text", nullable: true, @default: ColumnDefault.Text("it's me")),
                    Col("Empty", "text", @default: ColumnDefault.Text("")),
                    Col("CreatedAt", "timestamptz", @default: ColumnDefault.Now),
                    Col("UpdatedAt", "timestamptz", nullable: true),
                    Col("Birthday", "date", nullable: true),
                    Col("WakeUp", "time", nullable: true),
                    Col("Token", "uuid", @default: ColumnDefault.RandomUuid),
                    Col("OtherToken", "uuid", nullable: true),
                    Col("Avatar", "bytea", nullable: true),
                    Col("Tags", "text[]"),
                    Col("Numbers", "integer[]", nullable: true),
                    Col("Longs", "bigint[]", nullable: true),
                    Col("Prices", "numeric[]", nullable: true),
                    Col("Days", "date[]", nullable: true),
                    Col("Flags", "boolean[]", nullable: true),
                    Col("Ids", "uuid[]", nullable: true),
                    Col("Roles", "\"Role\"[]", nullable: true),
                    Col("Settings", "jsonb", nullable: true),
                    Col("Profile", "jsonb"),
                ],
                primaryKey: ["Id"],
                uniques: [new UniqueConstraintDefinition("User_Email_key", ["Email"])]),
            Table("Post",
                [
                    Col("Id", "bigint", identity: true),
                    Col("Title", "text"),
                    Col("Published", "boolean", @default: ColumnDefault.Boolean(false)),
                    Col("Status", "\"PostStatus\"", @default: ColumnDefault.TypedText("Draft", "\"PostStatus\"")),
                    Col("AuthorId", "integer"),
                    Col("EditorId", "integer", nullable: true),
                    Col("CreatedAt", "timestamptz", @default: ColumnDefault.Now),
                ],
                primaryKey: ["Id"],
                foreignKeys:
                [
                    new ForeignKeyDefinition("Post_AuthorId_fkey", ["AuthorId"], "User", ["Id"], ReferentialAction.Restrict),
                    new ForeignKeyDefinition("Post_EditorId_fkey", ["EditorId"], "User", ["Id"], ReferentialAction.SetNull),
                ],
                indexes:
                [
                    new IndexDefinition("Post_AuthorId_Title_idx", ["AuthorId", "Title"]),
                    new IndexDefinition("Post_EditorId_idx", ["EditorId"]) { NullsFirstColumns = ["EditorId"] },
                ]),
            Table("Tag",
                [Col("Id", "smallint", identity: true), Col("Name", "text")],
                primaryKey: ["Id"],
                uniques: [new UniqueConstraintDefinition("Tag_Name_key", ["Name"])]),
            Table("PostTag",
                [Col("TagId", "smallint"), Col("PostId", "bigint"), Col("Weight", "real", nullable: true)],
                primaryKey: ["PostId", "TagId"],
                foreignKeys:
                [
                    new ForeignKeyDefinition("PostTag_PostId_fkey", ["PostId"], "Post", ["Id"], ReferentialAction.Cascade),
                    new ForeignKeyDefinition("PostTag_TagId_fkey", ["TagId"], "Tag", ["Id"], ReferentialAction.Cascade, ReferentialAction.Restrict),
                ],
                indexes: [new IndexDefinition("PostTag_TagId_idx", ["TagId"])]),
            Table("Membership",
                [
                    Col("OrgName", "text"),
                    Col("UserId", "integer", @default: ColumnDefault.Number("0")),
                    Col("InviterId", "integer", nullable: true),
                    Col("Since", "date"),
                ],
                uniques: [new UniqueConstraintDefinition("Membership_OrgName_UserId_key", ["OrgName", "UserId"])],
                foreignKeys:
                [
                    new ForeignKeyDefinition("Membership_UserId_fkey", ["UserId"], "User", ["Id"], ReferentialAction.SetDefault, ReferentialAction.NoAction),
                    new ForeignKeyDefinition("Membership_InviterId_fkey", ["InviterId"], "User", ["Id"], ReferentialAction.NoAction, ReferentialAction.SetNull),
                ],
                indexes:
                [
                    new IndexDefinition("Membership_UserId_idx", ["UserId"]),
                    new IndexDefinition("Membership_InviterId_idx", ["InviterId"]) { NullsFirstColumns = ["InviterId"] },
                    new IndexDefinition("Membership_Since_OrgName_key", ["Since", "OrgName"], Unique: true),
                ]),
            Table("comments",
                [
                    Col("id", "integer", identity: true),
                    Col("post_id", "bigint"),
                    Col("tag_id", "smallint", nullable: true),
                    Col("body", "text"),
                ],
                primaryKey: ["id"],
                foreignKeys:
                [
                    new ForeignKeyDefinition("comments_post_id_fkey", ["post_id"], "Post", ["Id"], ReferentialAction.Cascade, ReferentialAction.Cascade),
                    new ForeignKeyDefinition("comments_post_id_tag_id_fkey", ["post_id", "tag_id"], "PostTag", ["PostId", "TagId"], ReferentialAction.SetNull),
                ],
                indexes: [new IndexDefinition("comments_post_id_tag_id_idx", ["post_id", "tag_id"]) { NullsFirstColumns = ["tag_id"] }]),
            Table(LongTable,
                [Col("Id", "integer", identity: true), Col("AnotherFairlyLongForeignKeyColumnName", "integer", nullable: true)],
                primaryKey: ["Id"],
                foreignKeys:
                [
                    new ForeignKeyDefinition(LongTable + "_AnotherFairlyLongForeignKeyColumnName_fkey",
                        ["AnotherFairlyLongForeignKeyColumnName"], "User", ["Id"], ReferentialAction.SetNull),
                ],
                indexes: [new IndexDefinition(LongTable + "_AnotherFairlyLongForeignKeyColumnName_idx", ["AnotherFairlyLongForeignKeyColumnName"]) { NullsFirstColumns = ["AnotherFairlyLongForeignKeyColumnName"] }]),
        ]);
}
