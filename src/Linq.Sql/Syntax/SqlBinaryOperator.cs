namespace Linq.Sql.Syntax;

/// <summary>Binary SQL operators.</summary>
internal enum SqlBinaryOperator
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>&lt;&gt;</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
    /// <summary><c>AND</c></summary>
    And,
    /// <summary><c>OR</c></summary>
    Or,
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>%</c></summary>
    Modulo,
    /// <summary><c>||</c> (text concatenation)</summary>
    Concat,
    /// <summary><c>IS DISTINCT FROM</c>: null-safe inequality.</summary>
    IsDistinctFrom,
    /// <summary><c>IS NOT DISTINCT FROM</c>: null-safe equality.</summary>
    IsNotDistinctFrom,
    /// <summary><c>&amp;&amp;</c>: the arrays overlap.</summary>
    ArrayOverlap,
    /// <summary><c>@&gt;</c>: the left array or jsonb contains the right one.</summary>
    ContainsAll,
    /// <summary><c>-&gt;</c>: a jsonb member or element, as jsonb.</summary>
    JsonGet,
    /// <summary><c>-&gt;&gt;</c>: a jsonb member or element, as text.</summary>
    JsonGetText,
    /// <summary><c>?</c>: the jsonb object has the key (or the array the string element).</summary>
    JsonHasKey,
    /// <summary><c>@@</c>: a text search vector matches a query.</summary>
    TextMatch,
}
