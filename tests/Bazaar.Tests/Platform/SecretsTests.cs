using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bazaar.Tests.Platform;

/// <summary>
/// Nothing secret is committed: no private key, no access token of a known provider, no password
/// written into code, scripts or configuration outside the tests (whose fixtures are throwaway
/// passwords for throwaway databases). Keys belong in files or environment the operator provides:
/// the sandbox writes its own at first start.
/// </summary>
public sealed partial class SecretsTests
{
    [Fact]
    public void No_private_key_or_provider_token_is_committed()
    {
        var found = new List<string>();
        foreach (var (path, text) in CommittedFiles())
        {
            if (PrivateKey().IsMatch(text))
                found.Add($"{path}: a private key");
            foreach (Match m in ProviderToken().Matches(text))
                found.Add($"{path}: {m.Value[..8]}… looks like a provider's access token");
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void No_password_is_written_into_code_scripts_or_configuration()
    {
        var found = new List<string>();
        foreach (var (path, text) in CommittedFiles().Where(f => !f.Path.StartsWith("tests/", StringComparison.Ordinal)))
            foreach (Match m in WrittenPassword().Matches(text))
                found.Add($"{path}: {m.Value}");
        Assert.True(found.Count == 0, "set these from configuration, a file or the environment instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_recognises_what_it_looks_for()
    {
        // The patterns themselves, so a broken expression cannot pass the two tests above by matching nothing.
        Assert.Matches(PrivateKey(), "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq98Ib+3w0n\n");
        Assert.DoesNotMatch(PrivateKey(), "Assert.StartsWith(\"-----BEGIN PRIVATE KEY-----\", pem);");
        Assert.Matches(ProviderToken(), "ghp_" + new string('a', 36));
        Assert.Matches(WrittenPassword(), "\"Password\": \"hunter22\"");
        Assert.Matches(WrittenPassword(), "Password=Sup3rSecret;Host=db");
        Assert.DoesNotMatch(WrittenPassword(), "\"Password\": \"\"");
        Assert.DoesNotMatch(WrittenPassword(), "ADMIN_PASSWORD=\"bench-admin-$$\"");
    }

    /// <summary>Every file git tracks (the tree CI checks out), as text; binary files skipped.</summary>
    private static IEnumerable<(string Path, string Text)> CommittedFiles()
    {
        var root = Path.GetDirectoryName(PageTexts.SourceRoot.TrimEnd('/'))!;
        while (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("not inside a git checkout");
        var git = Process.Start(new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = root, RedirectStandardOutput = true })!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.True(files.Length > 100, "git ls-files listed the repository");
        foreach (var file in files)
        {
            var full = Path.Combine(root, file);
            if (!File.Exists(full) || new FileInfo(full).Length > 2_000_000)
                continue;
            var text = File.ReadAllText(full);
            if (text.Contains('\0'))
                continue;
            yield return (file, text);
        }
    }

    /// <summary>A PEM private key block with key material after it (not a mention of its header in a test).</summary>
    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----\s*\n[A-Za-z0-9+/=]{16,}")]
    private static partial Regex PrivateKey();

    /// <summary>GitHub, AWS, Slack and Stripe live tokens.</summary>
    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,})")]
    private static partial Regex ProviderToken();

    /// <summary>A password (or secret) given a literal value: JSON, C#, YAML, shell or a connection string.</summary>
    [GeneratedRegex(@"(?i)(?:password|passwd|pwd|secret|api_?key)""?\s*[:=]\s*(?:""[^""$\s{<]{4,}""|'[^'$\s{<]{4,}'|(?<=(?:password|pwd)=)[^;""'\s$]{4,}(?=;))")]
    private static partial Regex WrittenPassword();
}
