using System.ComponentModel.DataAnnotations;

namespace GrantPortal.Web.Features.Account;

/// <summary>A password chosen by its owner, typed twice (registration, reset, invitation).</summary>
public abstract class NewPasswordInput
{
    [Required(ErrorMessage = "Enter a password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat the password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class RegisterInput : NewPasswordInput
{
    [Required(ErrorMessage = "Enter your full name.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    [Display(Name = "Full name")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter a password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Remember me on this computer")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorLoginInput
{
    [Required(ErrorMessage = "Enter the code.")]
    [Display(Name = "Code from the authenticator app, or a recovery code")]
    public string Code { get; set; } = "";

    [Display(Name = "Do not ask on this computer again")]
    public bool RememberMachine { get; set; }

    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordInput : NewPasswordInput
{
    public Guid UserId { get; set; }

    public string Code { get; set; } = "";
}
