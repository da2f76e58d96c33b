using Blog.Model;

namespace Blog;

/// <summary>
/// Computed fields and model methods are plain C#: extension members (C# 14) over the model, or get-only properties
/// and methods in another part of the partial model class. Nothing is stored or translated; they run on loaded rows.
/// </summary>
public static class PostFeatures
{
    extension(Post post)
    {
        /// <summary>A computed field: not a column (get-only), evaluated on the loaded row.</summary>
        public bool IsDraft => !post.Published;

        /// <summary>A model method.</summary>
        public string Excerpt(int length) =>
            post.Content is { } content && content.Length > length ? content[..length] + "…" : post.Content ?? "";
    }
}
