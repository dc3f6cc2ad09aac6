"""Reading a response the same way whether it was streamed (the open-data exports) or not."""


def body(response):
    """The bytes of ``response``. A stream can be read only once: it is read the first time and
    kept on the response for the next reads."""
    if not response.streaming:
        return response.content
    if not hasattr(response, "_test_body"):
        response._test_body = b"".join(response.streaming_content)
    return response._test_body
