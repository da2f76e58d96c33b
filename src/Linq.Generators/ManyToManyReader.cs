using Microsoft.CodeAnalysis;

namespace Linq.Generators
{
    /// <summary>Reads <c>[ManyToMany]</c> (and its optional join table name) off a navigation property.</summary>
    internal static class ManyToManyReader
    {
        public static PropertyInfo Read(IPropertySymbol property, PropertyInfo info)
        {
            var attribute = TypeMapping.FindAttribute(property, "Linq.ManyToManyAttribute");
            if (attribute is null)
            {
                return info;
            }

            var name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
            return info with { IsManyToMany = true, ManyToManyName = name };
        }
    }
}
