using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>
    /// Reads the attributes that refine a scalar column: <c>[MaxLength]</c> (varchar(n)), <c>[Precision]</c>
    /// (numeric(p,s)), <c>[WithoutTimeZone]</c> (timestamp), <c>[ConcurrencyToken]</c> and <c>[RowVersion]</c> (xmin).
    /// A misuse is kept as "Attribute|reason" in <see cref="PropertyInfo.FacetErrors"/> and reported as LINQ050.
    /// </summary>
    internal static class ColumnFacets
    {
        // PostgreSQL's limits: varchar(n) up to 10485760, numeric precision up to 1000.
        private const int MaxVarcharLength = 10485760;
        private const int MaxNumericPrecision = 1000;

        /// <summary>The mapping of a <c>[RowVersion] uint</c>, which no other property type has.</summary>
        public static TypeMapping? RowVersionMapping(IPropertySymbol property, ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_UInt32 && TypeMapping.FindAttribute(property, "Linq.RowVersionAttribute") is not null
                ? new TypeMapping("xid")
                : null;

        public static PropertyInfo Apply(IPropertySymbol property, PropertyInfo info, ITypeSymbol type)
        {
            var errors = new List<string>();
            var isArray = type is IArrayTypeSymbol;
            var special = isArray ? SpecialType.None : type.SpecialType;

            var maxLength = TypeMapping.FindAttribute(property, "Linq.MaxLengthAttribute");
            if (maxLength is not null)
            {
                var length = IntArgument(maxLength, 0);
                if (special != SpecialType.System_String)
                {
                    errors.Add("MaxLength|needs a string property, not '" + info.TypeDisplay + "'");
                }
                else if (length < 1 || length > MaxVarcharLength)
                {
                    errors.Add("MaxLength|needs a length from 1 to " + MaxVarcharLength.ToString(CultureInfo.InvariantCulture) + " (PostgreSQL's limit for varchar), not " + length.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    info = info with { MaxLength = length, StoreType = "varchar(" + length.ToString(CultureInfo.InvariantCulture) + ")" };
                }
            }

            var precision = TypeMapping.FindAttribute(property, "Linq.PrecisionAttribute");
            if (precision is not null)
            {
                var p = IntArgument(precision, 0);
                var s = IntArgument(precision, 1);
                if (special != SpecialType.System_Decimal)
                {
                    errors.Add("Precision|needs a decimal property, not '" + info.TypeDisplay + "'");
                }
                else if (p < 1 || p > MaxNumericPrecision || s < 0 || s > p)
                {
                    errors.Add("Precision|needs a precision from 1 to 1000 and a scale from 0 to the precision, not (" + p.ToString(CultureInfo.InvariantCulture) + ", " + s.ToString(CultureInfo.InvariantCulture) + ")");
                }
                else if (s > 28)
                {
                    // The column keeps every value at its scale, and decimal holds at most 28 places: no row could be read back.
                    errors.Add("Precision|needs a scale of at most 28 (decimal keeps at most 28 decimal places, and the column would store every value with " + s.ToString(CultureInfo.InvariantCulture) + "), not (" + p.ToString(CultureInfo.InvariantCulture) + ", " + s.ToString(CultureInfo.InvariantCulture) + ")");
                }
                else
                {
                    info = info with
                    {
                        Precision = p,
                        Scale = s,
                        StoreType = "numeric(" + p.ToString(CultureInfo.InvariantCulture) + "," + s.ToString(CultureInfo.InvariantCulture) + ")",
                    };
                }
            }

            if (TypeMapping.FindAttribute(property, "Linq.WithoutTimeZoneAttribute") is not null)
            {
                if (special != SpecialType.System_DateTime)
                {
                    errors.Add("WithoutTimeZone|needs a DateTime property, not '" + info.TypeDisplay + "' (a DateTimeOffset always has a time zone)");
                }
                else
                {
                    info = info with { StoreType = "timestamp" };
                }
            }

            if (TypeMapping.FindAttribute(property, "Linq.ConcurrencyTokenAttribute") is not null)
            {
                info = ConcurrencyToken(info, type, special, errors);
            }

            if (TypeMapping.FindAttribute(property, "Linq.RowVersionAttribute") is not null)
            {
                info = RowVersion(property, info, special, errors);
            }

            return errors.Count == 0 ? info : info with { FacetErrors = errors.ToEquatableArray() };
        }

        private static PropertyInfo ConcurrencyToken(PropertyInfo info, ITypeSymbol type, SpecialType special, List<string> errors)
        {
            var numeric = special is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16;
            var display = type.ToDisplayString();
            var supported = numeric || special == SpecialType.System_DateTime || display is "System.Guid" or "System.DateTimeOffset";
            if (!supported)
            {
                errors.Add("ConcurrencyToken|needs an int, long or short version (incremented by every update) or a Guid, DateTime or DateTimeOffset the program sets, not '" + info.TypeDisplay + "'");
            }
            else if (info.IsNullable)
            {
                errors.Add("ConcurrencyToken|needs a non-nullable property: NULL never compares equal, so a NULL token could never be matched");
            }
            else if (info.IsId || info.IsAutoIncrement)
            {
                errors.Add("ConcurrencyToken|cannot be on a key or [AutoIncrement] property: a token changes, a key does not");
            }
            else
            {
                info = info with { IsConcurrencyToken = true };
                if (numeric && info.DefaultCode is null && !info.DefaultMismatch)
                {
                    // A version starts at 0 unless the model says otherwise, so the create input need not set it.
                    info = info with { DefaultCode = "global::Linq.Sql.Schema.ColumnDefault.Number(\"0\")" };
                }
            }

            return info;
        }

        private static PropertyInfo RowVersion(IPropertySymbol property, PropertyInfo info, SpecialType special, List<string> errors)
        {
            if (special != SpecialType.System_UInt32 || info.IsNullable)
            {
                errors.Add("RowVersion|needs a non-nullable uint property (PostgreSQL's xmin is a 32-bit transaction id), not '" + info.TypeDisplay + "'");
                return info;
            }

            foreach (var other in new[] { "Id", "AutoIncrement", "Unique", "Default", "DefaultNow", "Map", "ConcurrencyToken" })
            {
                if (TypeMapping.FindAttribute(property, "Linq." + other + "Attribute") is not null)
                {
                    errors.Add("RowVersion|cannot be combined with [" + other + "]: the property reads the xmin system column, which the database maintains");
                    return info;
                }
            }

            return info with { IsRowVersion = true, ColumnName = "xmin", StoreType = "xid" };
        }

        private static int IntArgument(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is int value ? value : -1;
    }
}
