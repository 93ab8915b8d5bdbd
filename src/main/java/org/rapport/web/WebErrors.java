package org.rapport.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.rapport.shared.ConflictException;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.StaleVersionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Errors on pages: what is not found (or not yours) is a 404 page; a refused change goes back to the form
 * it came from with the reason shown; nothing becomes a 500.
 */
@ControllerAdvice(basePackages = "org.rapport.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletResponse response) {
        return page(HttpStatus.NOT_FOUND, "error.notFound");
    }

    @ExceptionHandler({InvalidValueException.class, ConflictException.class, StaleVersionException.class})
    ModelAndView refused(RuntimeException ex, HttpServletRequest request) {
        String message = ex instanceof StaleVersionException
                ? "Someone else changed this in the meantime. The page shows their change; please apply yours again."
                : ex.getMessage();
        if ("GET".equals(request.getMethod())) {
            ModelAndView page = page(HttpStatus.BAD_REQUEST, "error.badRequest");
            page.addObject("detail", message);
            return page;
        }
        RequestContextUtils.getOutputFlashMap(request).put("error", message);
        return new ModelAndView("redirect:" + back(request));
    }

    /**
     * A value the database refused (a NUL byte, a date out of its range, a row that vanished meanwhile):
     * the agent's mistake or a race, never a server error page. Nothing was changed.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ModelAndView refusedByDatabase(RuntimeException ex, HttpServletRequest request) {
        return refused(
                new InvalidValueException("value", "That was not saved: a value could not be stored as given."),
                request);
    }

    /** The signed-in agent was deactivated (or removed) since: end the session, back to sign-in. */
    @ExceptionHandler(AuthenticationException.class)
    String signedOut(HttpServletRequest request, HttpServletResponse response) {
        new SecurityContextLogoutHandler().logout(request, response, null);
        return "redirect:/login?inactive";
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class})
    ModelAndView tooLarge() {
        return page(HttpStatus.CONTENT_TOO_LARGE, "error.tooLarge");
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        MultipartException.class
    })
    ModelAndView badRequest() {
        return page(HttpStatus.BAD_REQUEST, "error.badRequest");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView method() {
        return page(HttpStatus.METHOD_NOT_ALLOWED, "error.badRequest");
    }

    private static ModelAndView page(HttpStatus status, String messageKey) {
        ModelAndView page = new ModelAndView("error/page");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("messageKey", messageKey);
        return page;
    }

    /** The page the form was on, when it is one of ours; the inbox otherwise. */
    static String back(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                String host = request.getServerName();
                if (uri.getHost() != null
                        && uri.getHost().equalsIgnoreCase(host)
                        && uri.getRawPath() != null
                        && uri.getRawPath().startsWith("/")
                        && !uri.getRawPath().startsWith("//")) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed Referer is no place to return to.
            }
        }
        return "/inbox";
    }
}
