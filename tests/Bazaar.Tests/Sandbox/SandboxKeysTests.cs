using System.Text;
using Bazaar.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Sandbox;

/// <summary>The keys are made once, kept on disk, and the same on every start.</summary>
public sealed class SandboxKeysTests : IDisposable
{
    private readonly SandboxDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static SandboxKeys AddSandbox(string contentRoot, string? dataDirectory)
    {
        var settings = new Dictionary<string, string?>();
        if (dataDirectory is not null)
            settings["Sandbox:DataDirectory"] = dataDirectory;
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Sandbox");
        var services = new ServiceCollection().AddLogging().AddSandbox(section, contentRoot);
        // The keys are registered as an instance: they exist on disk before any service is resolved.
        return (SandboxKeys)services.Single(d => d.ServiceType == typeof(SandboxKeys)).ImplementationInstance!;
    }

    [Fact]
    public void Keys_are_written_on_the_first_AddSandbox_and_reused_by_the_next()
    {
        var first = AddSandbox(_data.Path, "keys");
        var second = AddSandbox(_data.Path, "keys");

        var directory = Path.Combine(_data.Path, "keys");
        Assert.Equal(Path.Combine(directory, "gateway-public.pem"), first.GatewayPublicKeyPath);
        Assert.Equal(Path.Combine(directory, "carrier-secret.txt"), first.CarrierSecretPath);
        Assert.Equal(first.GatewayPublicKeyPem, second.GatewayPublicKeyPem);
        Assert.Equal(first.CarrierSecret, second.CarrierSecret);
        Assert.Equal(first.GatewayPublicKeyPem.Trim(), File.ReadAllText(first.GatewayPublicKeyPath).Trim());
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(first.CarrierSecretPath).Trim()).Length);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(directory, "gateway-private.pem")));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(first.GatewayPublicKeyPath));
        Assert.Equal(2048, first.GatewayPrivateKey.KeySize);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "gateway-private.pem")));
    }

    [Fact]
    public void The_default_data_directory_is_data_sandbox_under_the_content_root()
    {
        var keys = AddSandbox(_data.Path, dataDirectory: null);

        Assert.Equal(Path.Combine(_data.Path, "data", "sandbox", "gateway-public.pem"), keys.GatewayPublicKeyPath);
        Assert.True(File.Exists(keys.GatewayPublicKeyPath));
    }

    [Fact]
    public void A_missing_public_key_file_is_written_again_from_the_private_key()
    {
        var first = AddSandbox(_data.Path, "keys");
        File.Delete(first.GatewayPublicKeyPath);

        var second = AddSandbox(_data.Path, "keys");

        Assert.Equal(first.GatewayPublicKeyPem.Trim(), File.ReadAllText(second.GatewayPublicKeyPath).Trim());
    }

    [Fact]
    public void The_signing_helpers_for_tests_match_the_protocol()
    {
        var keys = AddSandbox(_data.Path, "keys");
        var fields = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1 & 张", ["empty"] = "" };

        var sign = keys.SignGateway(fields);
        var body = Encoding.UTF8.GetBytes("""{"eventId":"E1"}""");

        Assert.True(Signatures.GatewayVerifies(fields, sign, File.ReadAllText(keys.GatewayPublicKeyPath)));
        Assert.Equal("a=1 & 张&b=2", CanonicalForm.Of(fields));
        Assert.Equal(Signatures.CarrierSignature(File.ReadAllText(keys.CarrierSecretPath), "1764093764", body),
            keys.SignCarrier(1764093764, body));
    }
}
