using MongoDB.Driver;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WorkflowDefinitions.Application.Common;
using WorkflowDefinitions.Application.Common.Metrics;

namespace WorkflowDefinitions.Api.Telemetry;

/// <summary>
/// Traces: ASP.NET Core server spans, outgoing HttpClient spans, one span per command/query and per SQLite call
/// (the service's own source), and the MongoDB driver's spans. Metrics: ASP.NET Core's (request durations), HttpClient's,
/// the .NET runtime's and the service's own (<see cref="WorkflowMetrics"/>). Both are exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it no spans are recorded (ASP.NET Core still gives each request a
/// trace id). Logs are JSON lines carrying the trace and span ids.
/// </summary>
public static class TelemetrySetup
{
    public const string DefaultServiceName = "workflow-definitions";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            options.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : DefaultServiceName;
        var exportOverOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (exportOverOtlp)
        {
            // Traces are recorded only where they are exported: recording them cost a third of a GET's CPU (README, "Performance").
            telemetry.WithTracing(tracing => InstrumentTraces(tracing).AddOtlpExporter());
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(WorkflowMetrics.MeterName);
            if (exportOverOtlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return builder;
    }

    /// <summary>The spans the service records: ASP.NET Core server spans (not for the health probes), outgoing HttpClient spans, its own and the MongoDB driver's.</summary>
    public static TracerProviderBuilder InstrumentTraces(TracerProviderBuilder tracing) => tracing
        .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
        .AddHttpClientInstrumentation()
        .AddSource(ApplicationTelemetry.ActivitySourceName)
        .AddSource(MongoTelemetry.ActivitySourceName);
}
