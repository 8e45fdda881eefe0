using Bazaar.Platform;

namespace Bazaar.Admin;

/// <summary>
/// The texts of every back-office page, whichever module the page belongs to (one vocabulary for
/// the operator: "Orders", "Save", "Publish" read the same everywhere), in BackOfficeText.resx
/// (English) and BackOfficeText.zh-CN.resx (Chinese), keyed by the English text. The Pages/Admin
/// folders' _ViewImports.cshtml inject it as T; add texts with scripts/resx.py. A module contract, as
/// are BackOfficeTerms, BackOfficeMessages and ChinaTime: every module's back-office pages share them.
/// </summary>
[ModuleContract]
public sealed class BackOfficeText;
