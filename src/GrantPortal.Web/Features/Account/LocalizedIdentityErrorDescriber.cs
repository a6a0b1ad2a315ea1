using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Account;

/// <summary>Identity's messages in the user's language.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Something went wrong. Please try again."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["The password is wrong."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["The link is invalid or has expired."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["'{0}' is not a valid e-mail address.", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["'{0}' is not a valid e-mail address.", userName ?? ""]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["An account with the e-mail {0} already exists.", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["An account with the e-mail {0} already exists.", userName]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["The password must be at least {0} characters long.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["The password must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["The password must contain a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["The password must contain a lower-case letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["The password must contain an upper-case letter."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["The user already has the role {0}.", role]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Someone else changed this account at the same moment. Reload the page and try again."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
