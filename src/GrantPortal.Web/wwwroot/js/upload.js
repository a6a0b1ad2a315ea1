// Sends the document upload form in the background so the page can show how far the upload has got.
// Without script the form still works as a plain post.
(function () {
    'use strict';
    var form = document.getElementById('upload-form');
    if (!form || !window.FormData) {
        return;
    }

    var input = form.querySelector('input[type=file]');
    var button = form.querySelector('button[type=submit]');
    var progress = document.getElementById('upload-progress');
    var bar = progress.querySelector('.progress-bar');
    var error = document.getElementById('upload-error');

    function showError(message) {
        error.textContent = message;
        error.classList.remove('d-none');
        progress.classList.add('d-none');
        button.disabled = false;
        // The button had the focus and lost it when disabled: give it to the file field, where the next step is.
        input.focus();
    }

    function showProgress(percent) {
        // Setting the style through the DOM is allowed by the CSP; a style attribute in the markup is not.
        bar.style.width = percent + '%';
        bar.textContent = percent + ' %';
        progress.setAttribute('aria-valuenow', String(percent));
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        error.classList.add('d-none');
        var file = input.files && input.files[0];
        if (!file) {
            input.reportValidity();
            return;
        }

        if (file.size > Number(form.dataset.maxBytes)) {
            showError(form.dataset.tooLarge);
            return;
        }

        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.setRequestHeader('Accept', 'application/json');
        request.setRequestHeader('X-CSRF-TOKEN', form.querySelector('input[name=__RequestVerificationToken]').value);
        request.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                showProgress(Math.round(e.loaded * 100 / e.total));
            }
        });
        request.addEventListener('load', function () {
            var answer = null;
            try {
                answer = JSON.parse(request.responseText);
            } catch (ignored) {
                answer = null;
            }

            if (request.status === 200 && answer && answer.redirect) {
                window.location.assign(answer.redirect);
            } else {
                showError(answer && answer.error ? answer.error : form.dataset.failed);
            }
        });
        request.addEventListener('error', function () {
            showError(form.dataset.failed);
        });
        button.disabled = true;
        progress.classList.remove('d-none');
        showProgress(0);
        request.send(new FormData(form));
    });
}());
