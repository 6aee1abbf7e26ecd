package mummy.web.multipart;

import mummy.api.RequestBodyException;

/**
 * What a request's {@code Content-Type} says about its multipart body: the boundary, and whether
 * it is {@code multipart/form-data} (RFC 7578 4.1), whose parts must name themselves.
 *
 * @param boundary the boundary from the {@code boundary} parameter, quoted or not
 * @param formData whether the subtype is {@code form-data}
 */
record MultipartType(Boundary boundary, boolean formData) {

    /**
     * Reads a {@code Content-Type} value.
     *
     * @throws RequestBodyException 415 if it is missing or not {@code multipart/*}; 400 if it is
     *     malformed or its boundary is missing or not valid (RFC 2046 5.1.1)
     */
    static MultipartType of(String contentType) throws RequestBodyException {
        if (contentType == null) {
            throw new RequestBodyException(415, "the request has no Content-Type; expected multipart/form-data");
        }
        HeaderValue value = HeaderValue.parse("Content-Type", contentType);
        if (!value.type().startsWith("multipart/")) {
            throw new RequestBodyException(415, "Content-Type is " + value.type() + ", not multipart/form-data");
        }
        String boundary = value.parameters().get("boundary");
        if (boundary == null) {
            throw new RequestBodyException(400, "Content-Type " + value.type()
                    + " has no boundary parameter (RFC 2046 5.1.1)");
        }
        return new MultipartType(Boundary.of(boundary), value.type().equals("multipart/form-data"));
    }
}
