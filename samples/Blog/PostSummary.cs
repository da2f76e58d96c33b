using Linq;

namespace Blog;

/// <summary>A row of a hand-written query: the generator writes its reader (columns matched by name).</summary>
[SqlResult]
public sealed record PostSummary(int Id, string Title, string AuthorEmail, long CommentCount);
