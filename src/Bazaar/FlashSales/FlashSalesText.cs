namespace Bazaar.FlashSales;

/// <summary>The shop's flash-sale page texts: FlashSalesText.resx (English) and .zh-CN.resx, keyed by the English text.</summary>
public sealed class FlashSalesText;
