using System;
using System.Threading.Tasks;
using NUnit.Framework;

namespace ErrorCodeGen.Runtime.Tests.Retries;

/// <summary>
/// What the fixtures that run a retry layer against the fault server share: one server for the fixture, whose dates are
/// the recording clock's, and a new clock at <see cref="Start"/> for every test.
/// </summary>
public abstract class FaultServerFixture(RetryLayer layer)
{
    /// <summary>Where every test's clock starts.</summary>
    protected static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The retry layer under test: the handler or the Polly strategy.</summary>
    protected RetryLayer Layer { get; } = layer;

    /// <summary>The fault server on 127.0.0.1 (its <c>Date</c> headers come from <see cref="Clock"/>).</summary>
    protected FaultServer Server { get; private set; } = null!;

    /// <summary>The test's clock, which records every wait.</summary>
    protected RecordingTimeProvider Clock { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer() => Server = await FaultServer.StartAsync(() => Clock.GetUtcNow());

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    [SetUp]
    public void NewClock() => Clock = new RecordingTimeProvider(Start);
}
