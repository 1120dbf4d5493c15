package org.odfbeam.core.model;

/**
 * Defines a logical type of the field. Logical type determines the semantics and boudaries of a type and how
 * it can be operated on, without a concern about encoding and physical layout of the data in chunks.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): DataTypeBinary (Binary = 1), DataTypeBool (Bool =
 * 2), DataTypeDate (Date = 3), DataTypeDecimal (Decimal = 4), DataTypeDuration (Duration = 5),
 * DataTypeFloat16 (Float16 = 6), DataTypeFloat32 (Float32 = 7), DataTypeFloat64 (Float64 = 8), DataTypeInt8
 * (Int8 = 9), DataTypeInt16 (Int16 = 10), DataTypeInt32 (Int32 = 11), DataTypeInt64 (Int64 = 12),
 * DataTypeUInt8 (UInt8 = 13), DataTypeUInt16 (UInt16 = 14), DataTypeUInt32 (UInt32 = 15), DataTypeUInt64
 * (UInt64 = 16), DataTypeList (List = 17), DataTypeMap (Map = 18), DataTypeNull (Null = 19), DataTypeOption
 * (Option = 20), DataTypeStruct (Struct = 21), DataTypeTime (Time = 22), DataTypeTimestamp (Timestamp = 23),
 * DataTypeString (String = 24).
 */
public sealed interface DataType
    permits DataTypeBinary, DataTypeBool, DataTypeDate, DataTypeDecimal, DataTypeDuration, DataTypeFloat16, DataTypeFloat32, DataTypeFloat64, DataTypeInt8, DataTypeInt16, DataTypeInt32, DataTypeInt64, DataTypeUInt8, DataTypeUInt16, DataTypeUInt32, DataTypeUInt64, DataTypeList, DataTypeMap, DataTypeNull, DataTypeOption, DataTypeStruct, DataTypeTime, DataTypeTimestamp, DataTypeString {}
