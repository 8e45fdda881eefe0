using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bazaar.Platform.Protection;

/// <summary>
/// How a module marks personal data in its entity configuration. The module keeps reading and
/// writing plain strings; the shop's DbContext puts a converter on every marked column, so the
/// database only ever sees ciphertext. A converted column cannot be compared in SQL (each value
/// has its own nonce): look-ups go through a blind index column.
/// </summary>
public static class PersonalData
{
    public const string EncryptedAnnotation = "Bazaar:Encrypted";
    public const string BlindIndexAnnotation = "Bazaar:BlindIndexOf";

    /// <summary>Encrypted at rest; <paramref name="maxChars"/> is the plain text's limit, the column grows to fit the ciphertext.</summary>
    public static PropertyBuilder<T> IsEncrypted<T>(this PropertyBuilder<T> property, int maxChars) =>
        property.HasMaxLength(FieldCipher.MaxLength(maxChars)).HasAnnotation(EncryptedAnnotation, maxChars);

    /// <summary>The blind index of <paramref name="source"/> (already normalised), kept current on every save.</summary>
    public static PropertyBuilder<T> IsBlindIndexOf<T>(this PropertyBuilder<T> property, string source) =>
        property.HasMaxLength(BlindIndex.Length).HasAnnotation(BlindIndexAnnotation, source);

    public static bool IsEncrypted(this IReadOnlyProperty property) => property.FindAnnotation(EncryptedAnnotation) is not null;

    public static string? BlindIndexSource(this IReadOnlyProperty property) => (string?)property.FindAnnotation(BlindIndexAnnotation)?.Value;

    /// <summary>Puts the cipher on every column a module marked: called once per model.</summary>
    public static void Encrypt(ModelBuilder model, FieldCipher? cipher)
    {
        var converter = new ValueConverter<string, string>(
            plain => Usable(cipher).Protect(plain),
            stored => Usable(cipher).Unprotect(stored));
        foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()).Where(p => p.IsEncrypted()))
            property.SetValueConverter(converter);
    }

    private static FieldCipher Usable(FieldCipher? cipher) => cipher ?? throw new InvalidOperationException("This DbContext was made without the shop's services (design time): it cannot read or write personal data.");
}
