using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowDefinitions.Api.FunctionalTests.Support;

namespace WorkflowDefinitions.Api.FunctionalTests.Hosting;

/// <summary>Kestrel's limits come from the <c>RequestLimits</c> section (defaults, or what is configured).</summary>
public class RequestLimitsTests
{
    [Test]
    public void KestrelLimits_HaveTheServicesDefaults()
    {
        using var factory = new ApiFactory();

        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var sockets = factory.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(sockets.MaxReadBufferSize, Is.EqualTo(64 * 1024));
            Assert.That(limits.MaxRequestBodySize, Is.EqualTo(6 * 1024 * 1024));
            Assert.That(limits.MaxConcurrentConnections, Is.EqualTo(1000));
            Assert.That(limits.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(limits.MinRequestBodyDataRate!.BytesPerSecond, Is.EqualTo(4096));
            Assert.That(limits.MinRequestBodyDataRate.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(limits.MaxRequestBufferSize, Is.EqualTo(64 * 1024));
        });
    }

    [Test]
    public void KestrelLimits_AreConfigurable()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["RequestLimits:MaxConcurrentConnections"] = "7",
            ["RequestLimits:HeadersTimeoutSeconds"] = "3",
            ["RequestLimits:MinBodyBytesPerSecond"] = "100",
            ["RequestLimits:MinBodyRateGraceSeconds"] = "2",
            ["RequestLimits:MaxRequestBufferBytes"] = "8192",
        });

        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Multiple(() =>
        {
            Assert.That(limits.MaxConcurrentConnections, Is.EqualTo(7));
            Assert.That(limits.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(limits.MinRequestBodyDataRate!.BytesPerSecond, Is.EqualTo(100));
            Assert.That(limits.MinRequestBodyDataRate.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(limits.MaxRequestBufferSize, Is.EqualTo(8192));
        });
    }
}
