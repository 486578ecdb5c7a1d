package dev.tether.nativehooks.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.SocketMarks;

/** {@code setsockopt(fd, SOL_SOCKET, SO_MARK, mark)}. */
public final class LinuxSocketMarks implements SocketMarks {
  @Override
  public void mark(int fd, int mark) throws RedirectException {
    try {
      LibC.INSTANCE.setsockopt(
          fd, LibC.SOL_SOCKET, LibC.SO_MARK, new IntByReference(mark), Integer.BYTES);
    } catch (LastErrorException e) {
      throw new RedirectException(
          "setsockopt(SO_MARK=0x"
              + Integer.toHexString(mark)
              + ") on fd "
              + fd
              + ": "
              + LibC.describe(e)
              + (e.getErrorCode() == 1 ? "; the agent needs CAP_NET_ADMIN" : ""));
    }
  }
}
