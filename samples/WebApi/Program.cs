using System.Text.Json.Serialization;
using Blog.Model;
using Linq;
using Linq.LocalPostgres;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WebApi;

var builder = WebApplication.CreateBuilder(args);

// Credentials come from the environment only: ConnectionStrings__Default or DATABASE_URL (URL or keyword form).
// Without either, a throwaway local PostgreSQL is started and removed when the service stops.
var connectionString = builder.Configuration.GetConnectionString("Default") ?? builder.Configuration["DATABASE_URL"];
await using var localServer = string.IsNullOrWhiteSpace(connectionString) ? await PostgresServer.StartAsync() : null;
connectionString = localServer?.ConnectionString ?? connectionString;

// One client per application: a singleton that owns the connection pool.
builder.Services.AddLinqDatabase<BlogDb>(o =>
{
    o.UseNpgsql(connectionString!);
    o.MigrationsAssembly = typeof(Endpoints).Assembly;

    // Set the same key on every instance (from a secret store) so page tokens survive restarts and load balancing.
    o.PageTokenKey = builder.Configuration["Linq:PageTokenKey"];
});
builder.Services.AddHealthChecks().AddLinqDatabase<BlogDb>(o =>
{
    o.CheckMigrations = true;
    o.Tags.Add("ready");
});

// Typed errors become RFC 9457 problem details (409, 404, 503 with Retry-After, 400).
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<LinqProblemDetailsHandler>();

builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddLinqInstrumentation())
    .WithMetrics(metrics => metrics.AddLinqInstrumentation());

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.Configure<TransferSettings>(builder.Configuration.GetSection("Transfers"));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

if (app.Configuration.GetValue("Linq:MigrateOnStartup", true))
{
    // Several instances starting at once apply each migration once (advisory lock).
    await app.Services.GetRequiredService<BlogDb>().Migrations.DeployAsync();
}

app.MapHealthChecks("/health");
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapBlogEndpoints();

if (localServer is not null)
{
    app.Logger.LogInformation("No ConnectionStrings:Default or DATABASE_URL: using a throwaway PostgreSQL ({Source}).", localServer.Source);
}

await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
