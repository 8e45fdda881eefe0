using Microsoft.Extensions.Localization;

namespace Bazaar.Admin;

/// <summary>
/// Every message a handler can send to a back-office page, as written in the handler (the English
/// key; {0} where the handler puts a value). A handler's new message belongs here too, or the
/// operator reads it in English.
/// </summary>
internal static class BackOfficeMessageTemplates
{
    public static IReadOnlyList<LocalizedString> All(IStringLocalizer<BackOfficeText> t) =>
    [
        // Any form (FieldErrors.Required/Optional) and the labels handlers put into them.
        t["{0} is required."],
        t["{0} must be at most {1} characters."],
        t["Chinese name"], t["English name"], t["Chinese description"], t["English description"], t["Slug"],

        // Product editor (SaveProduct), categories (SaveCategory, MoveCategory).
        t["SKU may contain Latin letters, digits, '-', '_' and '.' only."],
        t["Price is required."],
        t["Price must be more than 0 and at most {0}."],
        t["Price has at most two decimal places (fen)."],
        t["Category is required."],
        t["Stock must be between 0 and {0}."],
        t["There is no such category."],
        t["SKU {0} is already used by another product."],
        t["Slug may contain lower-case Latin letters, digits and '-' only."],
        t["There is no such parent category."],
        t["Categories have two levels: the parent must be a top-level category."],
        t["A category cannot be its own parent."],
        t["This category has sub-categories, so it must stay at the top level."],
        t["Slug {0} is already used."],
        t["Direction must be up or down."],

        // Stock (AdjustStock, SetLowStockThreshold).
        t["Say why the stock changes (received, damaged, counted …)."],
        t["The reason can be at most 500 characters."],
        t["The change must be a non-zero number of units, at most {0} either way."],
        t["On hand is {0} with {1} reserved: it cannot become {2}."],
        t["Stock cannot be set below the {0} unit(s) already reserved by orders."],
        t["The stock kept changing while it was being set; try again."],
        t["The stock row was created by someone else at the same moment; try again."],
        t["The low-stock threshold must be between 0 and {0} units."],

        // Pictures (ManageProductPhotos, PhotoSizes).
        t["A product can have at most {0} pictures; remove one first."],
        t["The file is empty."],
        t["A picture can be at most {0} MB."],
        t["Only JPEG, PNG and WebP pictures are accepted."],
        t["The file is not a readable picture."],
        t["A picture can be at most {0} × {1} pixels."],

        // Bulk publication (PublishProducts).
        t["Choose at least one product."],
        t["At most {0} products at a time."],
        t["Say whether the products are to be published (true) or taken off (false)."],

        // Import (StartProductImport, ImportProducts, ImportRowReader, RunProductImports).
        t["Choose a CSV file to import."],
        t["The file is {0} MB; an import takes at most {1} MB. Split it."],
        t["Only CSV files (.csv, or .txt holding CSV) can be imported; save the spreadsheet as 'CSV UTF-8'."],
        t["{0} imports are already waiting; start this one when they have run."],
        t["Line {0}: {1}. The rest of the file was not read; the rows before it were."],
        t["The header row cannot be read: {0}"],
        t["The file is empty. Its first line must be the header: {0}."],
        t["The column '{0}' appears twice in the header (columns {1} and {2}); keep one."],
        t["The header has no {0} column, so nothing was imported. Required: {1}; optional: {2}. The first line must be the header."],
        t["The header has no {0} columns, so nothing was imported. Required: {1}; optional: {2}. The first line must be the header."],
        t["Could not be saved: {0}"],
        t["The file is not UTF-8 text. Spreadsheets on Chinese Windows save CSV as GBK unless told otherwise: in Excel use Save As › 'CSV UTF-8 (comma delimited)'; in WPS or LibreOffice choose the UTF-8 character set."],
        t["SKU {0} is already on line {1}; a SKU may appear once in a file."],
        t["The row has {0} fields where the header has {1}: a comma or a quote is out of place."],
        t["The row holds bytes that are not UTF-8 text; save the file as UTF-8."],
        t["Price '{0}' is not a number such as 12.50."],
        t["Stock '{0}' is not a whole number."],
        t["Published must be true or false (yes/no, 1/0), not '{0}'."],
        t["There is no category '{0}' (name it by its slug, as in the export)."],
        t["A quote (\") stands inside a field that does not start with one: quote the whole field and double the quote (\"\")."],
        t["Text follows a closing quote: a quote inside a quoted field must be doubled (\"\")."],
        t["A quoted field that starts on this line is never closed, so the rest of the file was read into it."],
        t["The row is not well-formed CSV ({0})."],
        t["The import was interrupted {0} times (the instance running it stopped or lost the database), so it was given up. The batches written before stay; import the file again to finish it."],
        t["The uploaded file of this import is gone; upload it again."],
        t["The import failed: {0} The batches written before stay; import the file again to finish it."],

        // Orders (ShipOrder, BookShipment, CancelOrderForCustomer, ChangeOrderStatus).
        t["An order that is {0} cannot be shipped; only a paid order can."],
        t["The carrier is not answering."],
        t["The parcel is not booked yet. Try again in a minute."],
        t["Say why the order is cancelled."],
        t["The order changed meanwhile: it is now {0}."],
        t["The order changed meanwhile: it is now {0}. {1}"],
        t["An order that is {0} cannot become {1}."],

        // Refunds (RefundOrder, RefundPayment).
        t["This order is already refunded in full."],
        t["An order that is {0} has no payment to refund."],
        t["Say why the money goes back."],
        t["The amount must be positive, with at most two decimals."],
        t["This order has no payment to refund."],
        t["This order's payment is already refunded in full."],
        t["At most {0} {1} is left to refund on this order."],
        t["The payment gateway is not answering."],
        t["Nothing was refunded. Try again in a minute."],
        t["The payment gateway refused the refund: {0}"],

        // Flash sales (CreateFlashSale, EndFlashSale).
        t["productId is required."],
        t["The flash price must be more than 0."],
        t["The price has at most two decimal places (fen)."],
        t["quantity must be between 1 and {0}."],
        t["A flash sale starts now or later, not in the past."],
        t["A flash sale starts within a year."],
        t["endsAt must be at least a minute after startsAt and at most {0} days after it."],
        t["There is no product {0}."],
        t["The product is not published: publish it first, or shoppers could not buy it."],
        t["The flash price must be below the product's price ({0})."],
        t["Only {0} unit(s) of this product are available."],
        t["This flash sale has ended already."],

        // Customers (LockCustomer).
        t["You cannot lock your own account."],
    ];
}
