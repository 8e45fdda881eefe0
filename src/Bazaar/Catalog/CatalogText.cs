namespace Bazaar.Catalog;

/// <summary>
/// The texts of this module's pages, in CatalogText.resx (English) and CatalogText.zh-CN.resx (Chinese), keyed by
/// the English text. Pages use it as <c>T[english]</c> (see the module's _ViewImports.cshtml); add texts
/// with scripts/resx.py. LocalizationTests fail when a key is missing from either language.
/// </summary>
public sealed class CatalogText;
