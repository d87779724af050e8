package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Decodes parameter lists, dispatching on the parameter type. */
final class Parameters {

    private Parameters() {
    }

    static List<Parameter> decodeList(ByteBuffer value, String chunk) throws SctpParseException {
        return Tlv.decodeList(value, Parameters::decode, chunk + " parameter");
    }

    static Parameter decode(int type, ByteBuffer value) throws SctpParseException {
        switch (type) {
            case ParameterType.STATE_COOKIE: return new StateCookieParameter(value);
            case ParameterType.OUTGOING_SSN_RESET_REQUEST: return OutgoingSsnResetRequestParameter.decode(value);
            case ParameterType.INCOMING_SSN_RESET_REQUEST: return IncomingSsnResetRequestParameter.decode(value);
            case ParameterType.RECONFIGURATION_RESPONSE: return ReconfigurationResponseParameter.decode(value);
            case ParameterType.ZERO_CHECKSUM_ACCEPTABLE: return ZeroChecksumAcceptableParameter.decode(value);
            case ParameterType.SUPPORTED_EXTENSIONS: return SupportedExtensionsParameter.decode(value);
            case ParameterType.FORWARD_TSN_SUPPORTED: return ForwardTsnSupportedParameter.decode(value);
            default: return new UnknownParameter(type, value);
        }
    }

    static <P extends Parameter> Optional<P> first(List<Parameter> parameters, Class<P> type) {
        return parameters.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
