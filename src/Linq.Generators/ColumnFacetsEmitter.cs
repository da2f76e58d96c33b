using System.Collections.Generic;
using System.Globalization;

namespace Linq.Generators
{
    /// <summary>The generated code for column facets: the metadata's initializer and the base type the JSON reader is chosen by.</summary>
    internal static class ColumnFacetsEmitter
    {
        /// <summary><c> { MaxLength = 20, … }</c> after a column's <c>new(…)</c> (with its typed getter, when it has one), or nothing.</summary>
        public static string Initializer(PropertyInfo col, string? typedGetter = null)
        {
            var parts = new List<string>();
            if (typedGetter is not null)
            {
                parts.Add(typedGetter);
            }

            if (col.MaxLength > 0)
            {
                parts.Add("MaxLength = " + col.MaxLength.ToString(CultureInfo.InvariantCulture));
            }

            if (col.Precision > 0)
            {
                parts.Add("Precision = " + col.Precision.ToString(CultureInfo.InvariantCulture));
                parts.Add("Scale = " + col.Scale.ToString(CultureInfo.InvariantCulture));
            }

            if (col.IsConcurrencyToken)
            {
                parts.Add("IsConcurrencyToken = true");
            }

            if (col.IsRowVersion)
            {
                parts.Add("IsRowVersion = true");
            }

            return parts.Count == 0 ? "" : " { " + string.Join(", ", parts) + " }";
        }

        /// <summary><c>varchar(20)</c> is read as <c>text</c>, <c>numeric(10,2)</c> as <c>numeric</c>.</summary>
        public static string BaseStoreType(string storeType)
        {
            if (storeType.StartsWith("varchar(", System.StringComparison.Ordinal))
            {
                return "text";
            }

            return storeType.StartsWith("numeric(", System.StringComparison.Ordinal) ? "numeric" : storeType;
        }
    }
}
