using System.Data.Common;
using LinqToDB.Interceptors;

namespace Linq.Benchmarks.Fairness;

/// <summary>linq2db's view of every command once its text and parameters are set, into a <see cref="CommandLog"/>.</summary>
public sealed class Linq2DbCommandCapture(CommandLog log) : CommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
    {
        log.Add(command);
        return command;
    }
}
