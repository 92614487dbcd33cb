"""Uploads past a size are read and dropped, never stored: the import page then says the
file is too large (a proxy's body limit is the first guard; this is the one in mgk)."""

from django.core.files.uploadhandler import FileUploadHandler

# The import's 20 MB file and its multipart wrapping.
MAX_REQUEST_BYTES = 20 * 1024 * 1024 + 256 * 1024


class BoundedUploadHandler(FileUploadHandler):
    """First of the upload handlers: in a request over MAX_REQUEST_BYTES, each file's data
    stops here (the handlers after it receive none), so nothing is kept in memory or in
    a temporary file; the view sees an empty file and the request's length."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.drop = content_length > MAX_REQUEST_BYTES

    def receive_data_chunk(self, raw_data, start):
        return None if self.drop else raw_data

    def file_complete(self, file_size):
        return None
