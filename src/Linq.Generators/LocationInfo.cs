using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Linq.Generators
{
    /// <summary>A source location without a reference to the syntax tree, so it can live in cached pipeline data.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }

        public static LocationInfo? From(ISymbol symbol) => symbol.Locations.Length > 0 ? From(symbol.Locations[0]) : null;
    }
}
