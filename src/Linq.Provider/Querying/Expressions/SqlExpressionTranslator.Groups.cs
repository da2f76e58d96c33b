using System.Linq.Expressions;
using Linq.Querying.Model;

namespace Linq.Querying.Expressions;

internal sealed partial class SqlExpressionTranslator
{
    /// <summary><c>g.Key</c>, or <c>g.Key.Part</c> of a composite key, translated from the key selector.</summary>
    private SqlValue? GroupKey(MemberExpression member)
    {
        if (member is { Member.Name: "Key", Expression: QuerySourceExpression reference }
            && context.FindGroup(reference.Source) is { } group)
        {
            if (group.KeySelector is NewExpression or MemberInitExpression)
            {
                throw new QueryTranslationException(member, "a composite key cannot be used as one value.", "Use its parts, e.g. g.Key.Role.");
            }

            return KeyPart(group, group.KeySelector);
        }

        if (member.Expression is MemberExpression { Member.Name: "Key", Expression: QuerySourceExpression outerReference }
            && context.FindGroup(outerReference.Source) is { } composite)
        {
            switch (composite.KeySelector)
            {
                case NewExpression { Members: { } members } @new:
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (members[i].Name == member.Member.Name)
                        {
                            return KeyPart(composite, @new.Arguments[i]);
                        }
                    }

                    break;
                case MemberInitExpression init:
                    foreach (var binding in init.Bindings)
                    {
                        if (binding is MemberAssignment assignment && assignment.Member.Name == member.Member.Name)
                        {
                            return KeyPart(composite, assignment.Expression);
                        }
                    }

                    break;
            }

            return Members(member, Translate(member.Expression));
        }

        return null;
    }

    /// <summary>A part of a group key, translated once per query.</summary>
    public SqlValue KeyPart(GroupBinding group, Expression part)
    {
        if (!group.Parts.TryGetValue(part, out var value))
        {
            value = Translate(part);
            group.Parts[part] = value;
        }

        return value;
    }
}
