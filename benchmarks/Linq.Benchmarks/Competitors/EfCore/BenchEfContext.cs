namespace Linq.Benchmarks.Competitors.EfCore;

using Microsoft.EntityFrameworkCore;

/// <summary>
/// The EF Core context over the project's schema: table and column names as the project's DDL creates them
/// (quoted PascalCase, the table <c>comments</c> with its column <c>post_id</c>), keys as identity columns, the
/// <c>"Role"</c> enum through the Npgsql provider's <c>MapEnum</c>.
/// </summary>
public sealed class BenchEfContext(DbContextOptions<BenchEfContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Account> Accounts => Set<Account>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("User");
            user.HasIndex(u => u.Email).IsUnique();
            user.HasMany(u => u.Posts).WithOne(p => p.Author).HasForeignKey(p => p.AuthorId);
            user.HasOne(u => u.Profile).WithOne(p => p.User).HasForeignKey<Profile>(p => p.UserId);
        });
        modelBuilder.Entity<Profile>(profile =>
        {
            profile.ToTable("Profile");
            profile.HasIndex(p => p.UserId).IsUnique();
        });
        modelBuilder.Entity<Post>(post =>
        {
            post.ToTable("Post");
            post.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
            post.HasMany(p => p.Comments).WithOne(c => c.Post).HasForeignKey(c => c.PostId);
        });
        modelBuilder.Entity<Comment>(comment =>
        {
            comment.ToTable("comments");
            comment.Property(c => c.PostId).HasColumnName("post_id");
            comment.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        });
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("Account");
            account.HasIndex(a => a.Email).IsUnique();
        });
    }
}
