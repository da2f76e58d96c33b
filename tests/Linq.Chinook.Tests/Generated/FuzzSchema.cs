using System.Linq.Expressions;
using Linq.Chinook.Tests.Infrastructure;
using Linq.Chinook.Tests.Models;

namespace Linq.Chinook.Tests.Generated;

/// <summary>The value kinds the generator builds expressions of; strings carry their nullability here (the CLR type cannot).</summary>
internal enum VT { Int, NInt, Long, NLong, Dec, NDec, Str, NStr, Date, NDate, Bool, Dbl }

internal static class VTs
{
    public static Type Clr(this VT vt) => vt switch
    {
        VT.Int => typeof(int), VT.NInt => typeof(int?), VT.Long => typeof(long), VT.NLong => typeof(long?),
        VT.Dec => typeof(decimal), VT.NDec => typeof(decimal?), VT.Str or VT.NStr => typeof(string),
        VT.Date => typeof(DateTime), VT.NDate => typeof(DateTime?), VT.Bool => typeof(bool), VT.Dbl => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(vt)),
    };

    public static bool Nullable(this VT vt) => vt is VT.NInt or VT.NLong or VT.NDec or VT.NStr or VT.NDate;

    public static VT Lifted(this VT vt) => vt switch { VT.Int => VT.NInt, VT.Long => VT.NLong, VT.Dec => VT.NDec, VT.Str => VT.NStr, VT.Date => VT.NDate, _ => vt };

    public static VT Unlifted(this VT vt) => vt switch { VT.NInt => VT.Int, VT.NLong => VT.Long, VT.NDec => VT.Dec, VT.NStr => VT.Str, VT.NDate => VT.Date, _ => vt };

    public static bool Numeric(this VT vt) => vt is VT.Int or VT.NInt or VT.Long or VT.NLong or VT.Dec or VT.NDec;
}

/// <summary>A mapped column: its accessor as a lambda (inlined into generated trees), its kind, the largest magnitude in the data.</summary>
internal sealed record FuzzColumn(LambdaExpression Get, VT Kind, bool HasNulls, decimal MaxAbs, Func<object, object?> Read);

/// <summary>A to-one navigation; <see cref="HasNulls"/> when some row has none (the generator then guards it, as C# must).</summary>
internal sealed record FuzzToOne(LambdaExpression Nav, FuzzEntity Target, bool HasNulls);

/// <summary>A collection navigation.</summary>
internal sealed record FuzzMany(LambdaExpression Items, FuzzEntity Element, Func<object, IEnumerable<object>> Read);

/// <summary>A model as the generator sees it: unique key columns, columns, navigations, and the plainly read rows.</summary>
internal sealed class FuzzEntity(Type type, IReadOnlyList<object> rows, IQueryable memory, IQueryable table, IReadOnlyList<LambdaExpression> keys)
{
    public Type Type { get; } = type;

    /// <summary>The plainly read rows as LINQ-to-Objects queries them.</summary>
    public IQueryable Memory { get; } = memory;

    /// <summary>The provider's table.</summary>
    public IQueryable Table { get; } = table;

    public IReadOnlyList<object> Rows { get; } = rows;

    /// <summary>Integer columns that together are unique: the last ordering keys, so every generated order is total.</summary>
    public IReadOnlyList<LambdaExpression> Keys { get; } = keys;

    public List<FuzzColumn> Columns { get; } = [];
    public List<FuzzToOne> Ones { get; } = [];
    public List<FuzzMany> Manys { get; } = [];

    public Func<object, string> KeyText { get; } = Compile(keys);

    private static Func<object, string> Compile(IReadOnlyList<LambdaExpression> keys)
    {
        var reads = keys.Select(Read).ToList();
        return o => string.Join("/", reads.Select(r => r(o)));
    }

    public static Func<object, object?> Read(LambdaExpression lambda)
    {
        var o = Expression.Parameter(typeof(object), "o");
        var body = Expressions.Inline(lambda, Expression.Convert(o, lambda.Parameters[0].Type));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(body, typeof(object)), o).Compile();
    }
}

/// <summary>The Chinook models described for the generator, over the fixture's rows.</summary>
internal sealed class FuzzSchema
{
    private readonly Dictionary<Type, FuzzEntity> _entities = [];

    public FuzzSchema(ChinookFixture f)
    {
        var track = Add(f.Tracks, f.Db.Tracks, (Track t) => t.TrackId);
        var album = Add(f.Albums, f.Db.Albums, (Album a) => a.AlbumId);
        var artist = Add(f.Artists, f.Db.Artists, (Artist a) => a.ArtistId);
        var genre = Add(f.Genres, f.Db.Genres, (Genre g) => g.GenreId);
        var media = Add(f.MediaTypes, f.Db.MediaTypes, (MediaType m) => m.MediaTypeId);
        var playlist = Add(f.Playlists, f.Db.Playlists, (Playlist p) => p.PlaylistId);
        var link = Add(f.PlaylistTracks, f.Db.PlaylistTracks, (PlaylistTrack p) => p.PlaylistId, p => p.TrackId);
        var employee = Add(f.Employees, f.Db.Employees, (Employee e) => e.EmployeeId);
        var customer = Add(f.Customers, f.Db.Customers, (Customer c) => c.CustomerId);
        var invoice = Add(f.Invoices, f.Db.Invoices, (Invoice i) => i.InvoiceId);
        var line = Add(f.InvoiceLines, f.Db.InvoiceLines, (InvoiceLine l) => l.InvoiceLineId);

        Col(track, t => t.TrackId, VT.Int); Col(track, t => t.Name, VT.Str); Col(track, t => t.AlbumId, VT.NInt); Col(track, t => t.MediaTypeId, VT.Int);
        Col(track, t => t.GenreId, VT.NInt); Col(track, t => t.Composer, VT.NStr); Col(track, t => t.Milliseconds, VT.Int); Col(track, t => t.Bytes, VT.NInt);
        Col(track, t => t.UnitPrice, VT.Dec);
        One(track, t => t.Album, album); One(track, t => t.Genre, genre); One(track, t => t.MediaType, media);
        Many(track, t => t.InvoiceLines, line); Many(track, t => t.PlaylistTracks, link);

        Col(album, a => a.AlbumId, VT.Int); Col(album, a => a.Title, VT.Str); Col(album, a => a.ArtistId, VT.Int);
        One(album, a => a.Artist, artist); Many(album, a => a.Tracks, track);

        Col(artist, a => a.ArtistId, VT.Int); Col(artist, a => a.Name, VT.NStr); Many(artist, a => a.Albums, album);
        Col(genre, g => g.GenreId, VT.Int); Col(genre, g => g.Name, VT.NStr); Many(genre, g => g.Tracks, track);
        Col(media, m => m.MediaTypeId, VT.Int); Col(media, m => m.Name, VT.NStr); Many(media, m => m.Tracks, track);
        Col(playlist, p => p.PlaylistId, VT.Int); Col(playlist, p => p.Name, VT.NStr); Many(playlist, p => p.PlaylistTracks, link);
        Col(link, p => p.PlaylistId, VT.Int); Col(link, p => p.TrackId, VT.Int); One(link, p => p.Playlist, playlist); One(link, p => p.Track, track);

        Col(employee, e => e.EmployeeId, VT.Int); Col(employee, e => e.LastName, VT.Str); Col(employee, e => e.FirstName, VT.Str);
        Col(employee, e => e.Title, VT.NStr); Col(employee, e => e.ReportsTo, VT.NInt); Col(employee, e => e.BirthDate, VT.NDate);
        Col(employee, e => e.HireDate, VT.NDate); Col(employee, e => e.City, VT.NStr); Col(employee, e => e.Country, VT.NStr);
        Col(employee, e => e.Email, VT.NStr); Col(employee, e => e.Fax, VT.NStr);
        One(employee, e => e.Manager, employee); Many(employee, e => e.Reports, employee); Many(employee, e => e.Customers, customer);

        Col(customer, c => c.CustomerId, VT.Int); Col(customer, c => c.FirstName, VT.Str); Col(customer, c => c.LastName, VT.Str);
        Col(customer, c => c.Company, VT.NStr); Col(customer, c => c.City, VT.NStr); Col(customer, c => c.State, VT.NStr);
        Col(customer, c => c.Country, VT.NStr); Col(customer, c => c.PostalCode, VT.NStr); Col(customer, c => c.Fax, VT.NStr);
        Col(customer, c => c.Email, VT.Str); Col(customer, c => c.SupportRepId, VT.NInt);
        One(customer, c => c.SupportRep, employee); Many(customer, c => c.Invoices, invoice);

        Col(invoice, i => i.InvoiceId, VT.Int); Col(invoice, i => i.CustomerId, VT.Int); Col(invoice, i => i.InvoiceDate, VT.Date);
        Col(invoice, i => i.BillingCity, VT.NStr); Col(invoice, i => i.BillingState, VT.NStr); Col(invoice, i => i.BillingCountry, VT.NStr);
        Col(invoice, i => i.BillingPostalCode, VT.NStr); Col(invoice, i => i.Total, VT.Dec);
        One(invoice, i => i.Customer, customer); Many(invoice, i => i.Lines, line);

        Col(line, l => l.InvoiceLineId, VT.Int); Col(line, l => l.InvoiceId, VT.Int); Col(line, l => l.TrackId, VT.Int);
        Col(line, l => l.UnitPrice, VT.Dec); Col(line, l => l.Quantity, VT.Int);
        One(line, l => l.Invoice, invoice); One(line, l => l.Track, track);

        Roots = [.. new[] { track.Entity, album.Entity, artist.Entity, genre.Entity, playlist.Entity, employee.Entity, customer.Entity, invoice.Entity, line.Entity }];
    }

    /// <summary>The models queries start from (the link table has a composite key and is reached through navigations).</summary>
    public IReadOnlyList<FuzzEntity> Roots { get; }

    public FuzzEntity this[Type type] => _entities[type];

    public FuzzEntity? TryGet(Type type) => _entities.GetValueOrDefault(type);

    /// <summary>A model's entity, typed so that the accessor lambdas below infer their parameter.</summary>
    private sealed record Typed<T>(FuzzEntity Entity);

    private Typed<T> Add<T>(List<T> rows, IQueryable<T> table, params Expression<Func<T, int>>[] keys) where T : class
    {
        var entity = new FuzzEntity(typeof(T), rows.Cast<object>().ToList(), rows.AsQueryable(), table, keys);
        _entities.Add(typeof(T), entity);
        return new Typed<T>(entity);
    }

    private static void Col<T, TValue>(Typed<T> typed, Expression<Func<T, TValue>> get, VT kind)
    {
        var entity = typed.Entity;
        var read = FuzzEntity.Read(get);
        var values = entity.Rows.Select(read).ToList();
        var max = values.Select(v => v switch { int i => Math.Abs((decimal)i), decimal d => Math.Abs(d), string s => s.Length, _ => 0m }).DefaultIfEmpty(0m).Max();
        entity.Columns.Add(new FuzzColumn(get, kind, values.Any(v => v is null), max, read));
    }

    private static void One<T, TTarget>(Typed<T> typed, Expression<Func<T, TTarget?>> nav, Typed<TTarget> target) where TTarget : class
    {
        var entity = typed.Entity;
        var read = FuzzEntity.Read(nav);
        entity.Ones.Add(new FuzzToOne(nav, target.Entity, entity.Rows.Any(r => read(r) is null)));
    }

    private static void Many<T, TElement>(Typed<T> typed, Expression<Func<T, List<TElement>>> items, Typed<TElement> element)
    {
        var entity = typed.Entity;
        var read = items.Compile();
        entity.Manys.Add(new FuzzMany(items, element.Entity, o => read((T)o).Cast<object>()));
    }
}

/// <summary>Helpers over expression trees.</summary>
internal static class Expressions
{
    /// <summary>The lambda's body with its (single) parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression argument) => new Replace(lambda.Parameters[0], argument).Visit(lambda.Body);

    public static Expression Substitute(Expression tree, ParameterExpression parameter, Expression argument) => new Replace(parameter, argument).Visit(tree);

    /// <summary>The parameters a tree reads (those not declared by a lambda inside it).</summary>
    public static HashSet<ParameterExpression> FreeParameters(Expression tree)
    {
        var finder = new Free();
        finder.Visit(tree);
        finder.Used.ExceptWith(finder.Declared);
        return finder.Used;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private sealed class Free : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Used { get; } = [];
        public HashSet<ParameterExpression> Declared { get; } = [];

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Used.Add(node);
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            Declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }
    }
}
