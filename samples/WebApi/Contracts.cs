using Blog.Model;

namespace WebApi;

/// <summary>A user as the API returns it, with their posts.</summary>
public sealed record UserResponse(int Id, string Email, string? Name, Role Role, string? Bio, IReadOnlyList<PostResponse> Posts);

/// <summary>A post as the API returns it.</summary>
public sealed record PostResponse(int Id, string Title, string? Content, bool Published, DateTime CreatedAt);

/// <summary>One page of users; pass <see cref="NextPageToken"/> as <c>pageToken</c> for the next one (null on the last page).</summary>
public sealed record UserPage(IReadOnlyList<UserResponse> Items, string? NextPageToken);

/// <summary>A new user with, optionally, a profile and posts: created in one statement.</summary>
public sealed record CreateUserRequest(string Email, string? Name, string? Bio, IReadOnlyList<CreatePostRequest>? Posts);

/// <summary>A post created with its author.</summary>
public sealed record CreatePostRequest(string Title, string? Content, bool Published);

/// <summary>The state an account should have (an idempotent delivery: sending it twice changes nothing).</summary>
public sealed record AccountRequest(decimal Balance);

/// <summary>An account as the API returns it.</summary>
public sealed record AccountResponse(int Id, string Email, decimal Balance);

/// <summary>Moves <see cref="Amount"/> from one account to another, atomically.</summary>
public sealed record TransferRequest(string From, string To, decimal Amount);

/// <summary>The balances after a transfer.</summary>
public sealed record TransferResponse(decimal FromBalance, decimal ToBalance);
