using Bazaar.Platform.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Bazaar.Tests.Platform.Protection;

/// <summary>What the encryption of one phone number or street promises, without a shop around it.</summary>
public sealed class FieldCipherTests
{
    // Made here, never committed as text: a test key is still a key.
    internal static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static KeyRing Ring(string current, params string[] ids) =>
        KeyRing.Create(current, ids.ToDictionary(id => id, _ => Convert.FromBase64String(NewKey())), Convert.FromBase64String(NewKey()));

    [Theory]
    [InlineData("+8613912345678")]
    [InlineData("上海市浦东新区世纪大道 100 号 🏠")]
    [InlineData("")]
    public void A_value_comes_back_as_it_went_in_and_never_looks_the_same_twice(string plain)
    {
        var cipher = new FieldCipher(Ring("k1", "k1"));

        var once = cipher.Protect(plain);
        var twice = cipher.Protect(plain);

        Assert.Equal(plain, cipher.Unprotect(once));
        Assert.NotEqual(once, twice);
        Assert.StartsWith("pd1:k1:", once);
        Assert.True(once.Length <= FieldCipher.MaxLength(plain.Length), $"{once.Length} > {FieldCipher.MaxLength(plain.Length)}");
        if (plain.Length > 0)
            Assert.DoesNotContain(plain, once);
    }

    [Fact]
    public void The_longest_street_fits_its_column_whatever_its_characters()
    {
        var cipher = new FieldCipher(Ring("a-sixteen-char-k", "a-sixteen-char-k"));
        foreach (var street in new[] { new string('路', 200), string.Concat(Enumerable.Repeat("😀", 100)), new string('x', 200) })
            Assert.True(cipher.Protect(street).Length <= FieldCipher.MaxLength(200));
    }

    [Fact]
    public void A_changed_byte_anywhere_is_refused_not_misread()
    {
        var cipher = new FieldCipher(Ring("k1", "k1"));
        var stored = cipher.Protect("+8613912345678");
        var bytes = Convert.FromBase64String(stored["pd1:k1:".Length..]);
        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            var e = Assert.Throws<ProtectedDataException>(() => cipher.Unprotect("pd1:k1:" + Convert.ToBase64String(altered)));
            Assert.Contains("altered", e.Message);
        }
        Assert.Throws<ProtectedDataException>(() => cipher.Unprotect(stored[..^4]));
    }

    [Fact]
    public void A_value_relabelled_with_another_key_id_is_refused()
    {
        var cipher = new FieldCipher(Ring("k1", "k1", "k2"));
        var stored = cipher.Protect("漕溪北路 1 号");

        var e = Assert.Throws<ProtectedDataException>(() => cipher.Unprotect(stored.Replace("pd1:k1:", "pd1:k2:")));
        Assert.Contains("altered", e.Message);
    }

    [Fact]
    public void A_value_under_a_key_the_ring_lacks_names_that_key()
    {
        var old = new FieldCipher(Ring("k-old", "k-old"));
        var stored = old.Protect("+8613912345678");
        var withoutIt = new FieldCipher(Ring("k-new", "k-new"));

        var e = Assert.Throws<ProtectedDataException>(() => withoutIt.Unprotect(stored));

        Assert.Contains("key 'k-old'", e.Message);
        Assert.Contains("not in the key ring", e.Message);
        Assert.Contains("not encrypted", Assert.Throws<ProtectedDataException>(() => withoutIt.Unprotect("+8613912345678")).Message);
    }

    [Fact]
    public void After_the_current_key_changes_old_values_still_open_and_new_ones_use_the_new_key()
    {
        var oldKey = NewKey();
        var newKey = NewKey();
        var index = NewKey();
        var before = new FieldCipher(KeyRing.Load(Config(("Keys:old", oldKey), ("CurrentKey", "old"), ("IndexKey", index)), Env()));
        var stored = before.Protect("+8613912345678");

        var after = new FieldCipher(KeyRing.Load(Config(("Keys:old", oldKey), ("Keys:new", newKey), ("CurrentKey", "new"), ("IndexKey", index)), Env()));

        Assert.Equal("+8613912345678", after.Unprotect(stored));
        Assert.Equal("new", FieldCipher.KeyIdOf(after.Protect("+8613912345678")));
        Assert.Equal(new BlindIndex(before.Ring).Of("+8613912345678"), new BlindIndex(after.Ring).Of("+8613912345678"));
    }

    [Fact]
    public void With_no_key_configured_the_shop_makes_a_key_file_once_and_reads_it_back()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", "ring-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = KeyRing.Load(Config(("__data", dir)), Env());
            var second = KeyRing.Load(Config(("__data", dir)), Env());

            Assert.True(first.Generated);
            Assert.False(second.Generated);
            Assert.Equal(Path.Combine(dir, KeyRing.GeneratedFileName), second.Source);
            Assert.Equal(first.CurrentId, second.CurrentId);
            Assert.Equal("+86139", new FieldCipher(second).Unprotect(new FieldCipher(first).Protect("+86139")));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.Source));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_ring_that_cannot_work_is_refused_at_start_with_what_to_fix()
    {
        var key = NewKey();
        Assert.Contains("not among the keys", Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(Config(("Keys:k1", key), ("CurrentKey", "k2"), ("IndexKey", key)), Env())).Message);
        Assert.Contains("Protection:IndexKey is missing", Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(Config(("Keys:k1", key), ("CurrentKey", "k1")), Env())).Message);
        Assert.Contains("must be base64 of 32", Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(Config(("Keys:k1", "c2hvcnQ="), ("CurrentKey", "k1"), ("IndexKey", key)), Env())).Message);
        Assert.Contains("does not exist", Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Load(Config(("KeyFile", "/no/such/protection.key")), Env())).Message);
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => s.Key == "__data"
            ? new KeyValuePair<string, string?>("Storage:DataDirectory", s.Value)
            : new KeyValuePair<string, string?>("Protection:" + s.Key, s.Value)))
        .Build();

    private static IHostEnvironment Env() => new TestEnvironment();

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Bazaar";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
