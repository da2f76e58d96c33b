using Linq.Contract;

namespace Linq.Execution.ResultCaching;

/// <summary>
/// How a result of type <typeparamref name="TResult"/> travels to the distributed tier as bytes and back: scalars and
/// lists of scalars through <see cref="ScalarCodec"/>, models and lists of models (with whatever graph their query
/// loaded) through the codec the generator wrote for each model. A result without one (anonymous and DTO projections)
/// has no codec and stays in memory.
/// </summary>
internal sealed class ResultCodec<TResult>(Action<BinaryWriter, TResult> write, Func<BinaryReader, TResult> read)
{
    /// <summary>Writes the result; <see cref="NotSupportedException"/> when this graph cannot go (a cycle, a value without a code).</summary>
    public void Write(BinaryWriter writer, TResult value) => write(writer, value);

    /// <summary>Reads a result back; <see cref="InvalidDataException"/> (and friends) when the bytes are of another shape.</summary>
    public TResult Read(BinaryReader reader) => read(reader);
}

/// <summary>The codec of a query's result type, or null (memory only); a static read per call once built.</summary>
internal static class ResultCodecs
{
    /// <summary>The codec of a single result (a scalar, or a model from First/Single/FindUnique, null included).</summary>
    public static ResultCodec<T>? Single<T>() => Of<T>.Single ??= BuildSingle<T>();

    /// <summary>The codec of a list result (of scalars, or of models).</summary>
    public static ResultCodec<List<T>>? List<T>() => Of<T>.List ??= BuildList<T>();

    private static ResultCodec<T>? BuildSingle<T>()
    {
        if (ScalarCodec.Supports<T>())
        {
            return new ResultCodec<T>(ScalarCodec.Write, ScalarCodec.Read<T>);
        }

        // Null until the model's metadata exists (the query that returns it creates it first).
        if (ModelCacheWriter.Roots<T>.Write is not { } write || ModelCacheWriter.Roots<T>.Read is not { } read)
        {
            return null;
        }

        return new ResultCodec<T>((w, value) => write(new ModelCacheWriter(w), value), r => read(new ModelCacheReader(r))!);
    }

    private static ResultCodec<List<T>>? BuildList<T>()
    {
        if (ScalarCodec.Supports<List<T>>())
        {
            return new ResultCodec<List<T>>(ScalarCodec.Write, ScalarCodec.Read<List<T>>);
        }

        if (ModelCacheWriter.Roots<T>.Write is not { } write || ModelCacheWriter.Roots<T>.Read is not { } read)
        {
            return null;
        }

        return new ResultCodec<List<T>>(
            (w, list) =>
            {
                var writer = new ModelCacheWriter(w);
                w.Write(list.Count);
                foreach (var item in list)
                {
                    write(writer, item);
                }
            },
            r =>
            {
                var reader = new ModelCacheReader(r);
                var count = r.ReadInt32();
                var list = new List<T>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(read(reader)!);
                }

                return list;
            });
    }

    private static class Of<T>
    {
        public static ResultCodec<T>? Single;
        public static ResultCodec<List<T>>? List;
    }
}
