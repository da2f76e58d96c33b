namespace Linq.Generators
{
    /// <summary>A <c>[SqlResult]</c> type, as plain data: what its generated raw-SQL reader reads and how it builds it.</summary>
    internal sealed record SqlResultInfo
    {
        public string FullName { get; init; } = "";

        /// <summary>The name for messages (<c>Outer.Row</c> for a nested type).</summary>
        public string DisplayName { get; init; } = "";

        /// <summary>The constructor's parameters, in order; they come first in the member indexes.</summary>
        public EquatableArray<SqlResultMemberInfo> Parameters { get; init; }

        /// <summary>Settable and init properties and fields not covered by a constructor parameter.</summary>
        public EquatableArray<SqlResultMemberInfo> Properties { get; init; }

        public EquatableArray<DiagnosticInfo> Diagnostics { get; init; }
    }

    /// <summary>One constructor parameter or property of a <c>[SqlResult]</c> type (or one column of a model).</summary>
    internal sealed record SqlResultMemberInfo
    {
        public string Name { get; init; } = "";

        /// <summary>The column name looked for: the member name or its <c>[Map]</c> name.</summary>
        public string Column { get; init; } = "";

        /// <summary>The type without <c>Nullable&lt;&gt;</c> or a nullable annotation on top, for <c>typeof</c> (no annotations).</summary>
        public string TypeOf { get; init; } = "";

        /// <summary>The same type as a generic argument, with the nullable annotations of its type arguments.</summary>
        public string TypeArgument { get; init; } = "";

        /// <summary>The member's type as written, for messages.</summary>
        public string Display { get; init; } = "";

        public bool IsValueType { get; init; }

        public bool AllowsNull { get; init; }

        public bool IsRequired { get; init; }

        /// <summary>A property with a <c>set</c> accessor (or a field): it may be assigned after construction.</summary>
        public bool IsSettable { get; init; }

        /// <summary>For a constructor parameter with a default value: that value as C#.</summary>
        public string? DefaultCode { get; init; }
    }
}
