using System.Data;
using Blog.Model;
using Linq;
using Microsoft.Extensions.Options;

namespace WebApi;

/// <summary>The service's endpoints over the guide's schema.</summary>
public static class Endpoints
{
    private const int MaxPageSize = 100;

    /// <summary>Maps users, accounts and transfers.</summary>
    public static IEndpointRouteBuilder MapBlogEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users");
        users.MapGet("/", ListUsersAsync);
        users.MapGet("/{id:int}", GetUserAsync);
        users.MapPost("/", CreateUserAsync);
        users.MapDelete("/{id:int}", DeleteUserAsync);
        app.MapPut("/accounts/{email}", PutAccountAsync);
        app.MapPost("/transfers", TransferAsync);
        return app;
    }

    // Keyset paging: the token encodes the last user's id (signed, so a client cannot forge a position); a deep page
    // costs what the first one does. A tampered or foreign token is a 400 (LinqProblemDetailsHandler).
    private static async Task<IResult> ListUsersAsync(BlogDb db, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 20;
        if (size is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid page size",
                detail: $"pageSize must be between 1 and {MaxPageSize}.");
        }

        var page = await db.Users.Include(u => u.Posts).Include(u => u.Profile).OrderBy(u => u.Id)
            .ToPageAsync(size, pageToken, cancellationToken);
        return TypedResults.Ok(new UserPage([.. page.Items.Select(ToResponse)], page.NextCursor));
    }

    private static async Task<IResult> GetUserAsync(BlogDb db, int id, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Posts).Include(u => u.Profile).Where(u => u.Id == id).FirstOrDefaultAsync(cancellationToken);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no user {id}.")
            : TypedResults.Ok(ToResponse(user));
    }

    // One INSERT statement for the user, the profile and the posts (data-modifying CTEs). A taken email is P2002 → 409.
    private static async Task<IResult> CreateUserAsync(BlogDb db, CreateUserRequest request, CancellationToken cancellationToken)
    {
        var user = await db.Users.CreateAsync(new()
        {
            Email = request.Email,
            Name = request.Name,
            Profile = request.Bio is null ? null : new() { Create = new() { Bio = request.Bio } },
            Posts = request.Posts is not { Count: > 0 } posts
                ? null
                : new() { Create = [.. posts.Select(p => new PostCreateWithoutAuthorInput { Title = p.Title, Content = p.Content, Published = p.Published })] },
        }, q => q.Include(u => u.Posts).Include(u => u.Profile), cancellationToken);
        return TypedResults.Created($"/users/{user.Id}", ToResponse(user));
    }

    // A missing user is P2025 (RecordNotFoundException) → 404. Posts others have commented on are kept: the user's row
    // is then still referenced, the delete fails with P2003 (→ 409) and the transaction rolls everything back.
    private static async Task<IResult> DeleteUserAsync(BlogDb db, int id, CancellationToken cancellationToken)
    {
        await db.TransactionAsync(async tx =>
        {
            await tx.Profiles.DeleteManyAsync(p => p.UserId == id, cancellationToken);
            await tx.Posts.DeleteManyAsync(p => p.AuthorId == id && !p.Comments.Any(), cancellationToken);
            await tx.Users.DeleteAsync(u => u.Id == id, cancellationToken);
        }, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    // An idempotent delivery: the message says what the account's balance is, and may arrive more than once. The
    // upsert (INSERT … ON CONFLICT DO UPDATE) makes the second delivery a no-op, also when both arrive at once.
    private static async Task<IResult> PutAccountAsync(BlogDb db, string email, AccountRequest request, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.UpsertAsync(a => a.Email == email,
            create: new() { Email = email, Balance = request.Balance },
            update: new() { Balance = request.Balance },
            cancellationToken);
        return TypedResults.Ok(new AccountResponse(account.Id, account.Email, account.Balance));
    }

    // An interactive transaction: serializable, so two transfers that would both spend the same money cannot both
    // commit; the loser is retried (Transfers:MaxRetries) and then surfaces as P2034 → 503 with Retry-After.
    private static async Task<IResult> TransferAsync(BlogDb db, IOptions<TransferSettings> settings, TransferRequest request, CancellationToken cancellationToken)
    {
        if (request.Amount <= 0 || request.From == request.To)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid transfer",
                detail: "The amount must be positive and the accounts different.");
        }

        try
        {
            var result = await db.TransactionAsync(async tx =>
            {
                var from = await tx.Accounts.UpdateAsync(a => a.Email == request.From, new() { Balance = Op.Decrement(request.Amount) }, cancellationToken);
                if (from.Balance < 0)
                {
                    throw new InsufficientFundsException(); // rolls the transaction back
                }

                var to = await tx.Accounts.UpdateAsync(a => a.Email == request.To, new() { Balance = Op.Increment(request.Amount) }, cancellationToken);
                return new TransferResponse(from.Balance, to.Balance);
            }, new TransactionOptions { IsolationLevel = IsolationLevel.Serializable, MaxRetries = settings.Value.MaxRetries }, cancellationToken);
            return TypedResults.Ok(result);
        }
        catch (InsufficientFundsException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Insufficient funds",
                detail: "The source account's balance does not cover the amount; nothing was transferred.");
        }
    }

    private static UserResponse ToResponse(User user) => new(user.Id, user.Email, user.Name, user.Role, user.Profile?.Bio,
        [.. user.Posts.OrderBy(p => p.Id).Select(p => new PostResponse(p.Id, p.Title, p.Content, p.Published, p.CreatedAt))]);

    private sealed class InsufficientFundsException : Exception;
}
