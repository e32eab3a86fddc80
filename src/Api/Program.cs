using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowDefinitions.Api;
using WorkflowDefinitions.Api.Auth;
using WorkflowDefinitions.Api.Errors;
using WorkflowDefinitions.Api.Hosting;
using WorkflowDefinitions.Api.Json;
using WorkflowDefinitions.Api.OpenApi;
using WorkflowDefinitions.Api.Telemetry;
using WorkflowDefinitions.Application;
using WorkflowDefinitions.Application.Common.Behaviors;
using WorkflowDefinitions.Application.Common.Metrics;
using WorkflowDefinitions.Domain.Common;
using WorkflowDefinitions.Infrastructure;
using WorkflowDefinitions.Infrastructure.Automations;
using WorkflowDefinitions.Infrastructure.Persistence;

NativeHeap.ReturnLargeBlocksToTheSystem();

// The content root is where the service's files are (appsettings.json among them), wherever it is started from; relative
// paths in settings (the SQLite file) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (args is [DevTokenCommand.Name, .. var devTokenArguments])
{
    return DevTokenCommand.Run(devTokenArguments, builder.Configuration, builder.Environment);
}

builder.AddTelemetry();

builder.Services
    .AddControllers(mvc =>
    {
        mvc.InputFormatters.Insert(0, new JsonBodyInputFormatter());
        mvc.OutputFormatters.Insert(0, new StreamingJsonOutputFormatter());
        mvc.Filters.AddService<ClientErrorFilter>();
        mvc.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        mvc.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        mvc.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        mvc.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, _) => $"has the invalid value {ClientText.Quote(value)}");
        mvc.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"has the invalid value {ClientText.Quote(value)}");
        mvc.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"has the invalid value {ClientText.Quote(value)}");
    })
    .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidModelStateResponse.Create)
    .AddJsonOptions(json =>
    {
        json.JsonSerializerOptions.PropertyNamingPolicy = null;
        json.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        json.JsonSerializerOptions.MaxDepth = StoredJson.MaxDepth;
    });
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
builder.Services.AddSingleton<ErrorResponseExceptionHandler>();
builder.Services.AddSingleton<IExceptionHandler>(services => services.GetRequiredService<ErrorResponseExceptionHandler>());
builder.Services.AddSingleton<ClientErrorFilter>();
builder.Services.AddBearerAuthentication(builder.Configuration);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddWorkflowSettings(builder.Configuration);
builder.Services.AddGracefulShutdown(builder.Configuration);
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddFairness(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<ICallerToken, HttpContextCallerToken>();
builder.Services.AddMediator((Mediator.MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(WorkflowDefinitions.Application.DependencyInjection)];
    options.PipelineBehaviors = [typeof(TracingBehavior<,>), typeof(MetricsBehavior<,>), typeof(ValidationBehavior<,>)];
});

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandler = context => ErrorResponseWriter.WriteAsync(
        context, StatusCodes.Status500InternalServerError, new ErrorResponse(ErrorMessages.InternalServerError)),
    SuppressDiagnosticsCallback = _ => true,
});
app.UseErrorBodiesForStatusCodes();
app.UseAuthentication();
app.UseFairness();
app.UseAuthorization();

app.MapControllers();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains(HealthCheckTags.Ready),
    ResponseWriter = HealthResponse.WriteAsync,
});
app.MapOpenApiDocument();

try
{
    await app.StartAsync();
}
catch (Exception exception)
{
    await Console.Error.WriteLineAsync(StartupFailure.Describe(exception));
    return 1;
}

await app.WaitForShutdownAsync();
return 0;
